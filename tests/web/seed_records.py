"""The records of the seed archive (see seed_archive.py): the authorities, the seed's ten
documents as the anchor shows them, and documents outside the seed's filters."""

from __future__ import annotations

from typing import Any

AUTHORITIES: list[dict[str, Any]] = [
    {
        "type": "repository",
        "key": "repository:rgaspi",
        "name": "Russian State Archive of Socio-Political History",
        "short_name": "RGASPI",
        "location": "Moscow",
    },
    {
        "type": "repository",
        "key": "repository:avprf",
        "name": "Archive of Foreign Policy of the Russian Federation",
        "short_name": "AVPRF",
        "location": "Moscow",
    },
    {
        "type": "person",
        "key": "person:stalin",
        "name": "Joseph Stalin",
        "sort_name": "Stalin, Joseph",
        "dates": "1878/1953",
        "biography": "General Secretary of the Communist Party of the Soviet Union.",
        "variants": [
            {"name": "Filippov", "kind": "pseudonym"},
            {"name": "Filipov", "kind": "misspelling"},
            {"name": "Сталин", "kind": "native"},
            {"name": "Iosif Stalin", "kind": "transliteration"},
        ],
        "wikidata": "Q855",
    },
    {
        "type": "person",
        "key": "person:molotov",
        "name": "Vyacheslav Molotov",
        "sort_name": "Molotov, Vyacheslav",
        "dates": "1890/1986",
        "variants": [{"name": "Молотов", "kind": "native"}],
    },
    {
        "type": "person",
        "key": "person:voroshilov",
        "name": "Kliment Voroshilov",
        "sort_name": "Voroshilov, Kliment",
    },
    {
        "type": "person",
        "key": "person:sheng",
        "name": "Sheng Shicai",
        "sort_name": "Sheng, Shicai",
        "variants": [
            {"name": "Shicai Sheng", "kind": "transliteration"},
            {"name": "盛世才", "kind": "native"},
        ],
    },
    {
        "type": "person",
        "key": "person:truman",
        "name": "Harry S. Truman",
        "sort_name": "Truman, Harry S.",
    },
    {
        "type": "person",
        "key": "person:apresov",
        "name": "Garegin Apresov",
        "sort_name": "Apresov, Garegin",
    },
    {
        "type": "person",
        "key": "person:hidden",
        "name": "Unreleased Informant",
        "sort_name": "Informant, Unreleased",
    },
    {
        "type": "organization",
        "key": "org:comintern",
        "name": "Communist International",
        "variants": [{"name": "Comintern", "kind": "alternate"}],
    },
    {
        "type": "place",
        "key": "place:soviet-union",
        "name": "Soviet Union",
        "variants": [{"name": "USSR", "kind": "alternate"}],
    },
    {"type": "place", "key": "place:xinjiang", "name": "Xinjiang"},
    {
        "type": "place",
        "key": "place:urumqi",
        "name": "Urumqi",
        "variants": [
            {"name": "Urumchi", "kind": "alternate"},
            {"name": "Ürümqi", "kind": "transliteration"},
            {"name": "Tihwa", "kind": "former"},
        ],
    },
    {"type": "place", "key": "place:japan", "name": "Japan"},
    {"type": "place", "key": "place:korea", "name": "Korea"},
    {"type": "subject", "key": "subject:communism", "name": "Communism"},
    {"type": "subject", "key": "subject:sino-soviet", "name": "Sino-Soviet relations"},
    {"type": "subject", "key": "subject:territory", "name": "Territorial claims"},
    {
        "type": "collection",
        "key": "collection:xinjiang",
        "title": "Sino-Soviet Relations and Xinjiang",
        "description": "Letters between Sheng Shicai and the Soviet leadership, 1933-1942.",
        "featured": True,
        # curated order: not the date order
        "order": ["doc:seed-04", "doc:seed-07", "doc:seed-05", "doc:seed-06"],
    },
]

SEED_TEN: list[dict[str, Any]] = [
    {
        "key": "doc:seed-01",
        "date": "1945-08-23",
        "title": "Cable from Vyacheslav Molotov to Soviet Ambassador in the United States",
        "summary": "Drafted response from Stalin to Truman regarding Hokkaido and Kurile Islands.",
        "doc_type": "cable",
        "authors": ["person:molotov"],
        "people": ["person:stalin", "person:truman"],
        "places": ["place:japan"],
        "subjects": ["subject:territory"],
        "citation": "RGASPI, f. 558, op. 11, d. 98, ll. 0044",
        "classification": "Top Secret",
        "credits": ["Translated by Sergey Radchenko"],
        "funders": ["Leon Levy Foundation"],
        "rights": "Public domain in the United States.",
    },
    {
        "key": "doc:seed-02",
        "date": "1945-08-19",
        "title": "Translation of Message from Harry S. Truman to Joseph Stalin",
        "summary": "Responding to a message from Stalin, Truman agrees to allow Soviet control "
        "of the Kurile Islands, but stresses that all islands of Japan proper, including "
        "Hokkaido, are to be surrendered to US forces.",
        "doc_type": "letter",
        "authors": ["person:truman"],
        "recipients": ["person:stalin"],
        "people": ["person:molotov"],
        "places": ["place:japan"],
        "subjects": ["subject:territory"],
    },
    {
        "key": "doc:seed-03",
        "date": "1942-07-07",
        "title": "Letter to the Soviet Ambassador in Chongqing",
        "summary": "At the instruction of the Soviet government and Cde. Stalin personally, the "
        "Soviet ambassador to China is instructed to inform Chiang Kai-shek of the worrying "
        "views expressed by Shicai Sheng in his recent letter to Stalin, Voroshilov, and Molotov "
        "and present him with the text of Molotov's reply.",
        "doc_type": "letter",
        "authors": ["person:molotov"],
        "people": ["person:stalin", "person:sheng", "person:voroshilov"],
        "places": ["place:xinjiang"],
        "subjects": ["subject:sino-soviet"],
    },
    {
        "key": "doc:seed-04",
        "date": "1942-05-10",
        "title": "Letter from Governor Shicai Sheng to Cdes. Stalin, Molotov, and Voroshilov",
        "summary": "Governor Sheng describes the investigation into Sheng Shiqi's (the "
        "Commander of the Mechanized Brigade of Xinjiang) death, which revealed that Chen "
        "Xiuying (his wife) murdered him under pressure from Xiao Zuoxin, the assistant to the "
        "Director of the Urumqi office of the Native Corporation. He also reports that Kruglov, "
        "Soviet advisor for trade matters, intentionally disrupted trade between the Soviet "
        "Union and Xinjiang because of the Xinjiang government's alleged anti-Soviet attitude.",
        "doc_type": "letter",
        "authors": ["person:sheng"],
        "recipients": ["person:stalin", "person:molotov", "person:voroshilov"],
        "places": ["place:xinjiang", "place:urumqi"],
        "subjects": ["subject:sino-soviet"],
        "collections": ["collection:xinjiang"],
        "languages": ["zh"],
    },
    {
        "key": "doc:seed-05",
        "date": "1934-11-01",
        "title": "Letter from Governer Shicai Sheng to Cdes. Stalin, Molotov, and Voroshilov",
        "summary": "Responding to Stalin, Molotov, and Voroshilov's letter of 27 July, Sheng "
        "expresses his agreement with their assertions about Xinjiang's unsuitability for "
        "Communist rule and the inadvisability of overthrowing the Nanjing government. "
        "Accepting that he cannot become a member of the Communist Party at this time, Sheng "
        "expresses his gratitude for the Soviet assistance he has received and requests that "
        "he and Consul General Apresov be permitted to travel to Moscow.",
        "doc_type": "letter",
        "authors": ["person:sheng"],
        "recipients": ["person:stalin", "person:molotov", "person:voroshilov"],
        "people": ["person:apresov"],
        "places": ["place:xinjiang"],
        "subjects": ["subject:communism", "subject:sino-soviet"],
        "collections": ["collection:xinjiang"],
        "languages": ["zh"],
    },
    {
        "key": "doc:seed-06",
        "date": "1934-07-27",
        "title": "Letter from Cdes. Stalin, Molotov, and Voroshilov to Governor Sheng Shicai",
        "summary": "While expressing appreciate for Sheng's role in pacifying Xinjiang and "
        "expressing their firm trust in him, Stalin, Molotov, and Voroshilov deny his request "
        "to join the Communist Party and express their disagreement with the opinions he "
        "expressed in his earlier letter. Citing Xinjiang's economic backwardness, they condemn "
        'the rapid implementation of Communism in Xinjiang as a "ludicrous" idea and also '
        "advise against overthrowing the Nanjing government.",
        "doc_type": "letter",
        "authors": ["person:stalin", "person:molotov", "person:voroshilov"],
        "recipients": ["person:sheng"],
        "places": ["place:xinjiang"],
        "subjects": ["subject:communism", "subject:sino-soviet"],
        "collections": ["collection:xinjiang"],
        "languages": ["ru"],
    },
    {
        "key": "doc:seed-07",
        "date": "1934-06",
        "title": "Letter of Governor Shicai Sheng to Cdes. Stalin, Molotov, and Voroshilov",
        "summary": "Governor Shicai Sheng expresses his firm belief in Communism, his desire to "
        "overthrow the Nanjing Government and construct a Communist state in its place, and the "
        "need to establish a Communist Party branch in Xinjiang. Emphasizing his long study of "
        "Marxist theory, he requests that Stalin, Molotov, and Voroshilov allow him to join the "
        "Communist Party.",
        "doc_type": "letter",
        "authors": ["person:sheng"],
        "recipients": ["person:stalin", "person:molotov", "person:voroshilov"],
        "places": ["place:xinjiang"],
        "subjects": ["subject:communism"],
        "collections": ["collection:xinjiang"],
        "languages": ["zh"],
    },
    {
        "key": "doc:seed-08",
        "date": "1936",
        "title": "Telegram from Cdes. Stalin, Molotov, and Voroshilov to G. Apresov, Consul "
        "General in Urumqi",
        "summary": "Stalin, Molotov, Voroshilov express alarm about Shicai Sheng's red corner "
        "and discussions about the possible Sovietization of Xinjiang, reported in an earlier "
        "telegram from G. Apresov. They reaffirm that the USSR has no territorial claims on "
        "China, denies any plans for the Sovietization of Xinjiang, and declares its firm "
        "support for China in its struggle of independence from Japan, Britain, and other "
        "imperialist countries.",
        "doc_type": "telegram",
        "authors": ["person:stalin", "person:molotov", "person:voroshilov"],
        "recipients": ["person:apresov"],
        "people": ["person:sheng"],
        "places": ["place:xinjiang", "place:urumqi"],
        "subjects": ["subject:sino-soviet", "subject:territory"],
        "languages": ["ru"],
    },
    {
        "key": "doc:seed-09",
        "date": "1939-01-04",
        "title": "Translation of a Letter from Governor Shicai Sheng to Cdes. Stalin, Molotov, "
        "and Voroshilov",
        "summary": "Governor Sheng Shicai expresses gratitude to Cdes. Stalin, Molotov, and "
        "Voroshilov for the opportunity to visit Moscow. After reporting critical remarks made "
        "by Fang Lin against the Soviet Union and the Communist Party, Sheng Shicai requests "
        "that the All-Union Communist Party dispatch a politically experienced person to Urumqi "
        "to discuss Party training and asks that the Comintern order the Chinese Communist "
        "Party in Xinjiang to liquidate the Party organization.",
        "doc_type": "letter",
        "authors": ["person:sheng"],
        "recipients": ["person:stalin", "person:molotov", "person:voroshilov"],
        "people": ["org:comintern"],
        "places": ["place:xinjiang", "place:urumqi"],
        "subjects": ["subject:communism"],
        "languages": ["zh"],
    },
    {
        "key": "doc:seed-10",
        "date": "1949-10-03",
        "title": "Cable, Filippov [Stalin] to the Soviet Ambassador, Pyongyang",
        "summary": "Stalin asks the ambassador to find the Minister of Foreign Affairs in "
        "Beijing and tell him that they agree with the DPRK's thinking on the feasibility of "
        "establishing diplomatic relations between the Democratic People's Republic of Korea "
        "and the People's Republic of China.",
        "doc_type": "cable",
        "authors": ["person:stalin"],
        "people": ["person:molotov"],
        "places": ["place:korea"],
        "languages": ["ru"],
    },
]


# Documents that miss one of the seed's filters, or that readers may not see.
_OTHER = {"doc_type": "letter", "languages": ["ru"]}
OUTSIDERS: list[dict[str, Any]] = [
    {
        **_OTHER,
        "key": "doc:other-avprf",
        "date": "1940-01-15",
        "title": "Note from the AVPRF files on Xinjiang trade",
        "repository": "repository:avprf",
        "authors": ["person:molotov"],
        "recipients": ["person:stalin"],
        "places": ["place:soviet-union", "place:xinjiang"],
    },
    {
        **_OTHER,
        "key": "doc:other-no-molotov",
        "date": "1941-02",
        "title": "Stalin's note without Molotov",
        "repository": "repository:rgaspi",
        "authors": ["person:stalin"],
        "places": ["place:soviet-union"],
    },
    {
        **_OTHER,
        "key": "doc:other-no-place",
        "date": "1938",
        "title": "Stalin and Molotov on Korea",
        "repository": "repository:rgaspi",
        "authors": ["person:stalin"],
        "recipients": ["person:molotov"],
        "places": ["place:korea"],
        "related": ["doc:seed-10"],
    },
    {
        **_OTHER,
        "key": "doc:draft",
        "date": "1944-04-04",
        "status": "draft",
        "title": "Draft report naming an informant",
        "repository": "repository:rgaspi",
        "authors": ["person:hidden"],
        "recipients": ["person:stalin"],
    },
    {
        **_OTHER,
        "key": "doc:embargoed",
        "date": "1946-01-01",
        "status": "embargoed",
        "embargo_until": "2999-01-01",
        "title": "Embargoed report",
        "repository": "repository:rgaspi",
        "authors": ["person:hidden"],
    },
]
