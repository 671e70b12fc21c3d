"""Named things in a sentence: countries (with demonyms), organisations, treaties, places, persons.

One gazetteer (:func:`lexicon`) is built on first use from ``pycountry`` (all ISO 3166 countries) plus the
hand-kept tables below: country aliases and demonyms ("Ukrainian" -> Ukraine, "American" -> United States),
organisations with their acronyms and descriptive names ("the UN refugee agency" -> UNHCR), treaties with
their nicknames ("Ottawa Treaty" -> Mine Ban Treaty), and a small gazetteer of cities and regions (with
transliteration variants: Kiev -> Kyiv, Kharkov -> Kharkiv). Matching is longest-first over word tokens
and only starts on a capitalised token (acronyms must match their exact case, so "us" is never the US;
treaty names also match in lower case).

Canonical names: countries use pycountry's common name, with overrides for the ISO names nobody writes
("Russian Federation" -> "Russia", "Korea, Republic of" -> "South Korea", "Türkiye" -> "Turkey", ...).
Organisations use their usual short form ("UN", "UNHCR", "OHCHR", "ICC", "NATO", "European Union",
"Amnesty International", "Human Rights Watch"). Treaties use the names in :data:`TREATIES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from xcheck.claims import vocab

# --------------------------------------------------------------------------------------------- tables

COUNTRY_OVERRIDES: dict[str, str] = {
    "Russian Federation": "Russia",
    "Korea, Republic of": "South Korea",
    "Korea, Democratic People's Republic of": "North Korea",
    "Iran, Islamic Republic of": "Iran",
    "Syrian Arab Republic": "Syria",
    "Viet Nam": "Vietnam",
    "Türkiye": "Turkey",
    "Moldova, Republic of": "Moldova",
    "Venezuela, Bolivarian Republic of": "Venezuela",
    "Bolivia, Plurinational State of": "Bolivia",
    "Tanzania, United Republic of": "Tanzania",
    "Lao People's Democratic Republic": "Laos",
    "Palestine, State of": "Palestine",
    "Taiwan, Province of China": "Taiwan",
    "Congo, The Democratic Republic of the": "DR Congo",
    "Micronesia, Federated States of": "Micronesia",
    "Brunei Darussalam": "Brunei",
    "Holy See (Vatican City State)": "Vatican",
    "Czechia": "Czech Republic",
}

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States of America"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "Russia": ("Russian Federation",),
    "Ukraine": ("the Ukraine",),
    "Netherlands": ("Holland", "The Netherlands"),
    "South Korea": ("Republic of Korea", "ROK"),
    "North Korea": ("DPRK",),
    "Myanmar": ("Burma",),
    "Czech Republic": ("Czechia",),
    "North Macedonia": ("Macedonia",),
    "Eswatini": ("Swaziland",),
    "Timor-Leste": ("East Timor",),
    "Côte d'Ivoire": ("Ivory Coast", "Cote d'Ivoire"),
    "DR Congo": ("DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo"),
    "Turkey": ("Türkiye", "Turkiye"),
    "Vatican": ("Holy See", "Vatican City"),
    "Kosovo": ("Kosovo",),
    "Palestine": ("State of Palestine",),
    "United Arab Emirates": ("UAE",),
    "Cabo Verde": ("Cape Verde",),
}

# demonym / adjective / plural -> country
DEMONYMS: dict[str, tuple[str, ...]] = {
    "Ukraine": ("Ukrainian", "Ukrainians"),
    "Russia": ("Russian", "Russians"),
    "United States": ("American", "Americans", "US-led", "U.S.-led"),
    "United Kingdom": ("British", "Briton", "Britons", "English", "Scottish", "Welsh"),
    "Belarus": ("Belarusian", "Belarusians", "Belarussian"),
    "Poland": ("Polish", "Pole", "Poles"),
    "Germany": ("German", "Germans"),
    "France": ("French",),
    "China": ("Chinese",),
    "Japan": ("Japanese",),
    "India": ("Indian", "Indians"),
    "Pakistan": ("Pakistani", "Pakistanis"),
    "Turkey": ("Turkish", "Turk", "Turks"),
    "Israel": ("Israeli", "Israelis"),
    "Palestine": ("Palestinian", "Palestinians"),
    "Syria": ("Syrian", "Syrians"),
    "Iran": ("Iranian", "Iranians"),
    "Iraq": ("Iraqi", "Iraqis"),
    "Afghanistan": ("Afghan", "Afghans"),
    "Italy": ("Italian", "Italians"),
    "Spain": ("Spanish", "Spaniard", "Spaniards"),
    "Netherlands": ("Dutch",),
    "Belgium": ("Belgian", "Belgians"),
    "Sweden": ("Swedish", "Swede", "Swedes"),
    "Finland": ("Finnish", "Finn", "Finns"),
    "Norway": ("Norwegian", "Norwegians"),
    "Denmark": ("Danish", "Dane", "Danes"),
    "Estonia": ("Estonian", "Estonians"),
    "Latvia": ("Latvian", "Latvians"),
    "Lithuania": ("Lithuanian", "Lithuanians"),
    "Moldova": ("Moldovan", "Moldovans"),
    "Georgia": ("Georgian", "Georgians"),
    "Armenia": ("Armenian", "Armenians"),
    "Azerbaijan": ("Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"),
    "Kazakhstan": ("Kazakh", "Kazakhs", "Kazakhstani"),
    "Hungary": ("Hungarian", "Hungarians"),
    "Romania": ("Romanian", "Romanians"),
    "Bulgaria": ("Bulgarian", "Bulgarians"),
    "Serbia": ("Serbian", "Serbians", "Serb", "Serbs"),
    "Croatia": ("Croatian", "Croatians", "Croat", "Croats"),
    "Slovakia": ("Slovak", "Slovaks", "Slovakian"),
    "Czech Republic": ("Czech", "Czechs"),
    "Slovenia": ("Slovenian", "Slovenians", "Slovene", "Slovenes"),
    "Austria": ("Austrian", "Austrians"),
    "Switzerland": ("Swiss",),
    "Greece": ("Greek", "Greeks"),
    "Portugal": ("Portuguese",),
    "Ireland": ("Irish",),
    "Iceland": ("Icelandic", "Icelanders"),
    "Canada": ("Canadian", "Canadians"),
    "Mexico": ("Mexican", "Mexicans"),
    "Brazil": ("Brazilian", "Brazilians"),
    "Argentina": ("Argentine", "Argentinian", "Argentinians", "Argentines"),
    "Australia": ("Australian", "Australians"),
    "New Zealand": ("New Zealander", "New Zealanders"),
    "Egypt": ("Egyptian", "Egyptians"),
    "Saudi Arabia": ("Saudi", "Saudis"),
    "United Arab Emirates": ("Emirati", "Emiratis"),
    "Qatar": ("Qatari", "Qataris"),
    "Lebanon": ("Lebanese",),
    "Jordan": ("Jordanian", "Jordanians"),
    "Yemen": ("Yemeni", "Yemenis"),
    "Libya": ("Libyan", "Libyans"),
    "Nigeria": ("Nigerian", "Nigerians"),
    "Kenya": ("Kenyan", "Kenyans"),
    "South Africa": ("South African", "South Africans"),
    "Ethiopia": ("Ethiopian", "Ethiopians"),
    "Sudan": ("Sudanese",),
    "Somalia": ("Somali", "Somalis"),
    "Indonesia": ("Indonesian", "Indonesians"),
    "Vietnam": ("Vietnamese",),
    "Thailand": ("Thai",),
    "Philippines": ("Filipino", "Filipinos", "Philippine"),
    "Malaysia": ("Malaysian", "Malaysians"),
    "Cuba": ("Cuban", "Cubans"),
    "Venezuela": ("Venezuelan", "Venezuelans"),
    "Colombia": ("Colombian", "Colombians"),
    "Chile": ("Chilean", "Chileans"),
    "Peru": ("Peruvian", "Peruvians"),
    "Bosnia and Herzegovina": ("Bosnian", "Bosnians"),
    "Albania": ("Albanian", "Albanians"),
    "North Macedonia": ("Macedonian", "Macedonians"),
    "Kyrgyzstan": ("Kyrgyz",),
    "Uzbekistan": ("Uzbek", "Uzbeks"),
    "Tajikistan": ("Tajik", "Tajiks"),
    "Turkmenistan": ("Turkmen",),
    "Mongolia": ("Mongolian", "Mongolians"),
    "Taiwan": ("Taiwanese",),
    "Bangladesh": ("Bangladeshi", "Bangladeshis"),
    "Sri Lanka": ("Sri Lankan", "Sri Lankans"),
    "Nepal": ("Nepalese", "Nepali"),
    "Myanmar": ("Burmese",),
    "Morocco": ("Moroccan", "Moroccans"),
    "Algeria": ("Algerian", "Algerians"),
    "Tunisia": ("Tunisian", "Tunisians"),
    "Ghana": ("Ghanaian", "Ghanaians"),
    "Uganda": ("Ugandan", "Ugandans"),
    "Rwanda": ("Rwandan", "Rwandans"),
    "Mali": ("Malian", "Malians"),
    "Eritrea": ("Eritrean", "Eritreans"),
    "Zimbabwe": ("Zimbabwean", "Zimbabweans"),
    "South Korea": ("South Korean", "South Koreans"),
    "North Korea": ("North Korean", "North Koreans"),
    "Kosovo": ("Kosovar", "Kosovars"),
}

# canonical -> aliases (exact case for the all-caps ones)
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "UNHCR": (
        "UNHCR",
        "UN refugee agency",
        "U.N. refugee agency",
        "UN Refugee Agency",
        "United Nations refugee agency",
        "UN High Commissioner for Refugees",
        "United Nations High Commissioner for Refugees",
        "Office of the United Nations High Commissioner for Refugees",
    ),
    "OHCHR": (
        "OHCHR",
        "HRMMU",
        "UN human rights office",
        "U.N. human rights office",
        "UN rights office",
        "United Nations human rights office",
        "UN Human Rights Office",
        "UN human rights monitoring mission",
        "UN Human Rights Monitoring Mission",
        "UN High Commissioner for Human Rights",
        "United Nations High Commissioner for Human Rights",
        "Office of the UN High Commissioner for Human Rights",
        "Office of the United Nations High Commissioner for Human Rights",
        "UN human rights monitors",
    ),
    "UNICEF": (
        "UNICEF",
        "Unicef",
        "UN children's agency",
        "UN children's fund",
        "United Nations Children's Fund",
    ),
    "IAEA": ("IAEA", "International Atomic Energy Agency", "UN nuclear watchdog", "U.N. nuclear watchdog"),
    "WHO": ("WHO", "World Health Organization", "World Health Organisation"),
    "WFP": ("WFP", "World Food Programme", "World Food Program", "UN food agency"),
    "OCHA": ("OCHA", "UN humanitarian office", "UN Office for the Coordination of Humanitarian Affairs"),
    "IOM": ("IOM", "International Organization for Migration", "UN migration agency"),
    "UN Security Council": ("UN Security Council", "U.N. Security Council", "Security Council", "UNSC"),
    "UN General Assembly": ("UN General Assembly", "U.N. General Assembly", "General Assembly", "UNGA"),
    "UN Human Rights Council": ("UN Human Rights Council", "Human Rights Council", "UNHRC"),
    "UN": ("UN", "U.N.", "United Nations"),
    "ICC": ("ICC", "International Criminal Court"),
    "ICJ": ("ICJ", "International Court of Justice", "World Court"),
    "ICRC": ("ICRC", "International Committee of the Red Cross", "Red Cross"),
    "Amnesty International": ("Amnesty International", "Amnesty"),
    "Human Rights Watch": ("Human Rights Watch", "HRW"),
    "NATO": ("NATO", "Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
    "European Union": ("EU", "E.U.", "European Union"),
    "European Commission": ("European Commission",),
    "European Parliament": ("European Parliament",),
    "Council of Europe": ("Council of Europe",),
    "OSCE": ("OSCE", "Organization for Security and Co-operation in Europe"),
    "G7": ("G7", "G-7", "Group of Seven"),
    "G20": ("G20", "G-20", "Group of 20"),
    "World Bank": ("World Bank",),
    "IMF": ("IMF", "International Monetary Fund"),
    "WTO": ("WTO", "World Trade Organization"),
    "OPEC": ("OPEC", "Opec"),
    "African Union": ("African Union",),
    "Arab League": ("Arab League",),
    "ASEAN": ("ASEAN", "Asean"),
    "CSTO": ("CSTO", "Collective Security Treaty Organization"),
    "Commonwealth of Independent States": ("Commonwealth of Independent States", "CIS"),
    "Interpol": ("Interpol",),
    "MSF": ("MSF", "Médecins Sans Frontières", "Medecins Sans Frontieres", "Doctors Without Borders"),
    "Cluster Munition Coalition": ("Cluster Munition Coalition",),
    "Cluster Munition Monitor": ("Cluster Munition Monitor",),
    "Landmine Monitor": ("Landmine Monitor",),
    "ICBL": ("ICBL", "International Campaign to Ban Landmines"),
    "Kremlin": ("Kremlin",),
    "White House": ("White House",),
    "Pentagon": ("Pentagon",),
    "State Department": ("State Department",),
    "Wagner Group": ("Wagner Group", "Wagner"),
    "Reuters": ("Reuters",),
    "Associated Press": ("Associated Press", "AP"),
    "AFP": ("AFP", "Agence France-Presse"),
    "CDC": ("CDC", "Centers for Disease Control and Prevention", "Centers for Disease Control"),
    "FBI": ("FBI",),
    "BBC": ("BBC",),
    "CNN": ("CNN",),
    "TASS": ("TASS", "Tass"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Ukrinform": ("Ukrinform",),
    "Al Jazeera": ("Al Jazeera",),
    "RT": ("RT", "Russia Today"),
    "Financial Times": ("Financial Times", "FT"),
    "New York Times": ("New York Times",),
    "Washington Post": ("Washington Post",),
    "Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "The Guardian": ("Guardian",),
    "Bloomberg": ("Bloomberg",),
    "Kyiv Independent": ("Kyiv Independent",),
    "Ukrainska Pravda": ("Ukrainska Pravda",),
}

# Organisations that treaties' membership relations may target (party/member/joined ...).
MEMBERSHIP_BODIES: frozenset[str] = frozenset(
    {
        "UN",
        "NATO",
        "European Union",
        "Council of Europe",
        "OSCE",
        "G7",
        "G20",
        "WTO",
        "OPEC",
        "African Union",
        "Arab League",
        "ASEAN",
        "CSTO",
        "Commonwealth of Independent States",
        "ICC",
        "UN Human Rights Council",
        "UN Security Council",
        "IMF",
        "World Bank",
        "WHO",
        "Interpol",
    }
)

TREATIES: dict[str, tuple[str, ...]] = {
    "Convention on Cluster Munitions": (
        "Convention on Cluster Munitions",
        "Cluster Munitions Convention",
        "Cluster Munition Convention",
        "Convention on Cluster Munition",
        "Cluster Bomb Convention",
        "Cluster Bomb Treaty",
        "Cluster Bombs Treaty",
        "Cluster Munitions Treaty",
        "Cluster Munition Treaty",
        "Oslo Convention",
        "CCM",
    ),
    "Mine Ban Treaty": (
        "Mine Ban Treaty",
        "Mine Ban Convention",
        "Ottawa Treaty",
        "Ottawa Convention",
        "Anti-Personnel Mine Ban Convention",
        "Antipersonnel Mine Ban Convention",
        "Landmine Treaty",
        "Land Mine Treaty",
        "Landmines Treaty",
        "Landmine Ban Treaty",
        "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of "
        "Anti-Personnel Mines and on their Destruction",
    ),
    "Rome Statute": ("Rome Statute", "Rome Statute of the International Criminal Court"),
    "Geneva Conventions": ("Geneva Conventions", "Geneva Convention", "Fourth Geneva Convention"),
    "Nuclear Non-Proliferation Treaty": (
        "Nuclear Non-Proliferation Treaty",
        "Non-Proliferation Treaty",
        "Treaty on the Non-Proliferation of Nuclear Weapons",
        "NPT",
    ),
    "Treaty on the Prohibition of Nuclear Weapons": (
        "Treaty on the Prohibition of Nuclear Weapons",
        "Nuclear Ban Treaty",
        "TPNW",
    ),
    "Chemical Weapons Convention": ("Chemical Weapons Convention", "CWC"),
    "Biological Weapons Convention": ("Biological Weapons Convention", "BWC"),
    "Arms Trade Treaty": ("Arms Trade Treaty",),
    "Convention on Certain Conventional Weapons": ("Convention on Certain Conventional Weapons", "CCW"),
    "New START": ("New START", "New START treaty", "New Start treaty"),
    "INF Treaty": ("INF Treaty", "Intermediate-Range Nuclear Forces Treaty"),
    "Open Skies Treaty": ("Open Skies Treaty",),
    "Comprehensive Nuclear-Test-Ban Treaty": (
        "Comprehensive Nuclear-Test-Ban Treaty",
        "Comprehensive Test Ban Treaty",
        "Comprehensive Test-Ban Treaty",
        "CTBT",
    ),
    "Paris Agreement": ("Paris Agreement", "Paris climate agreement", "Paris climate accord", "Paris accord"),
    "Budapest Memorandum": ("Budapest Memorandum",),
    "Minsk agreements": (
        "Minsk agreements",
        "Minsk accords",
        "Minsk agreement",
        "Minsk II",
        "Minsk protocol",
    ),
    "Refugee Convention": ("Refugee Convention", "1951 Refugee Convention", "Refugee Convention of 1951"),
    "Genocide Convention": ("Genocide Convention",),
    "Convention against Torture": ("Convention against Torture", "UN Convention against Torture"),
    "European Convention on Human Rights": ("European Convention on Human Rights", "ECHR"),
    "Black Sea Grain Initiative": ("Black Sea Grain Initiative", "grain deal", "Black Sea grain deal"),
}

# Cities (bare mention -> city). canonical -> variants
CITIES: dict[str, tuple[str, ...]] = {
    "Kyiv": ("Kyiv", "Kiev"),
    "Kharkiv": ("Kharkiv", "Kharkov"),
    "Mariupol": ("Mariupol",),
    "Odesa": ("Odesa", "Odessa"),
    "Lviv": ("Lviv", "Lvov"),
    "Dnipro": ("Dnipro", "Dnepr", "Dnipropetrovsk"),
    "Zaporizhzhia": ("Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporizhzhya"),
    "Kherson": ("Kherson",),
    "Mykolaiv": ("Mykolaiv", "Nikolaev", "Nikolayev"),
    "Chernihiv": ("Chernihiv", "Chernigov"),
    "Sumy": ("Sumy",),
    "Bucha": ("Bucha",),
    "Irpin": ("Irpin",),
    "Hostomel": ("Hostomel",),
    "Borodianka": ("Borodianka", "Borodyanka"),
    "Kramatorsk": ("Kramatorsk",),
    "Sloviansk": ("Sloviansk", "Slovyansk", "Slavyansk"),
    "Kremenchuk": ("Kremenchuk", "Kremenchug"),
    "Olenivka": ("Olenivka", "Olenovka", "Yelenovka"),
    "Donetsk": ("Donetsk",),
    "Luhansk": ("Luhansk", "Lugansk"),
    "Sievierodonetsk": ("Sievierodonetsk", "Severodonetsk", "Syevyerodonetsk"),
    "Lysychansk": ("Lysychansk", "Lisichansk"),
    "Bakhmut": ("Bakhmut", "Artemovsk"),
    "Avdiivka": ("Avdiivka", "Avdeyevka"),
    "Izium": ("Izium", "Izyum"),
    "Poltava": ("Poltava",),
    "Vinnytsia": ("Vinnytsia", "Vinnitsa"),
    "Zhytomyr": ("Zhytomyr", "Zhitomir"),
    "Melitopol": ("Melitopol",),
    "Berdiansk": ("Berdiansk", "Berdyansk"),
    "Enerhodar": ("Enerhodar", "Energodar"),
    "Chernobyl": ("Chernobyl", "Chornobyl"),
    "Uman": ("Uman",),
    "Kryvyi Rih": ("Kryvyi Rih", "Krivoy Rog"),
    "Ivano-Frankivsk": ("Ivano-Frankivsk",),
    "Lutsk": ("Lutsk",),
    "Rivne": ("Rivne",),
    "Ternopil": ("Ternopil",),
    "Uzhhorod": ("Uzhhorod",),
    "Chernivtsi": ("Chernivtsi",),
    "Kropyvnytskyi": ("Kropyvnytskyi",),
    "Cherkasy": ("Cherkasy",),
    "Khmelnytskyi": ("Khmelnytskyi",),
    "Volnovakha": ("Volnovakha",),
    "Okhtyrka": ("Okhtyrka",),
    "Vuhledar": ("Vuhledar",),
    "Soledar": ("Soledar",),
    "Sevastopol": ("Sevastopol",),
    "Simferopol": ("Simferopol",),
    "Belgorod": ("Belgorod",),
    "Kursk": ("Kursk",),
    "Bryansk": ("Bryansk",),
    "Rostov-on-Don": ("Rostov-on-Don", "Rostov"),
    "Moscow": ("Moscow",),
    "St Petersburg": ("St Petersburg", "St. Petersburg", "Saint Petersburg"),
    "Minsk": ("Minsk",),
    "Warsaw": ("Warsaw",),
    "Berlin": ("Berlin",),
    "Paris": ("Paris",),
    "London": ("London",),
    "Brussels": ("Brussels",),
    "Geneva": ("Geneva",),
    "The Hague": ("The Hague", "Hague"),
    "Vienna": ("Vienna",),
    "Rome": ("Rome",),
    "Madrid": ("Madrid",),
    "Istanbul": ("Istanbul",),
    "Ankara": ("Ankara",),
    "Washington": ("Washington", "Washington DC", "Washington D.C."),
    "New York": ("New York City", "New York"),
    "Beijing": ("Beijing",),
    "Tokyo": ("Tokyo",),
    "Tehran": ("Tehran",),
    "Jerusalem": ("Jerusalem",),
    "Gaza City": ("Gaza City",),
    "Damascus": ("Damascus",),
    "Aleppo": ("Aleppo",),
    "Baghdad": ("Baghdad",),
    "Kabul": ("Kabul",),
    "Delhi": ("Delhi", "New Delhi"),
    "Chisinau": ("Chisinau",),
    "Vilnius": ("Vilnius",),
    "Riga": ("Riga",),
    "Tallinn": ("Tallinn",),
    "Helsinki": ("Helsinki",),
    "Stockholm": ("Stockholm",),
    "Oslo": ("Oslo",),
    "Budapest": ("Budapest",),
    "Bucharest": ("Bucharest",),
    "Prague": ("Prague",),
    "Los Angeles": ("Los Angeles",),
    "Chicago": ("Chicago",),
    "Johannesburg": ("Johannesburg",),
    "Lagos": ("Lagos",),
    "Nairobi": ("Nairobi",),
    "Sydney": ("Sydney",),
    "Toronto": ("Toronto",),
}

# Regions (bare mention -> region)
REGIONS: dict[str, tuple[str, ...]] = {
    "Donbas": ("Donbas", "Donbass"),
    "Crimea": ("Crimea", "Crimean peninsula", "Crimean Peninsula"),
    "Transcarpathia": ("Transcarpathia", "Zakarpattia"),
    "Gaza Strip": ("Gaza Strip", "Gaza"),
    "West Bank": ("West Bank",),
    "Kashmir": ("Kashmir",),
    "Tigray": ("Tigray",),
    "Darfur": ("Darfur",),
    "Transnistria": ("Transnistria",),
    "Abkhazia": ("Abkhazia",),
    "South Ossetia": ("South Ossetia",),
    "Nagorno-Karabakh": ("Nagorno-Karabakh",),
    "Kaliningrad": ("Kaliningrad",),
    "Chechnya": ("Chechnya",),
    "Siberia": ("Siberia",),
    "Catalonia": ("Catalonia",),
    "Bavaria": ("Bavaria",),
    "Punjab": ("Punjab",),
}
US_STATES: list[str] = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Wisconsin",
    "Wyoming",
    # two-word states
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York State",
    "North Carolina",
    "North Dakota",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "West Virginia",
]

# Places that are neither city, region nor country: plants, sites.
LANDMARKS: dict[str, tuple[str, ...]] = {
    "Azovstal steel plant": ("Azovstal steel plant", "Azovstal steelworks", "Azovstal plant", "Azovstal"),
    "Zaporizhzhia nuclear power plant": (
        "Zaporizhzhia nuclear power plant",
        "Zaporizhzhia nuclear plant",
        "Zaporizhzhia power plant",
        "Zaporizhzhia plant",
        "Zaporizhzhia NPP",
        "Zaporizhia nuclear power plant",
        "Zaporizhia nuclear plant",
        "Zaporozhye nuclear power plant",
        "Zaporozhye nuclear plant",
        "Zaporozhye NPP",
        "Zaporozhye power plant",
        "Zaporizhia power plant",
        "Zaporozhskaya NPP",
        "Zaporozhskaya nuclear power plant",
        "Zaporizhzhya NPP",
        "Zaporizhia NPP",
        "ZNPP",
        "ZNPP's",
        "Europe's largest nuclear power plant",
        "Europe's largest nuclear plant",
        "Europe's biggest nuclear power plant",
        "Europe's biggest nuclear plant",
        "Europe’s largest nuclear power plant",
        "Europe’s largest nuclear plant",
        "Russian-held nuclear plant",
        "Russian-held nuclear power plant",
        "Russian-occupied nuclear plant",
        "Russian-occupied nuclear power plant",
        "Russian-controlled nuclear plant",
        "Russian-controlled nuclear power plant",
    ),
    "Chernobyl nuclear power plant": ("Chernobyl nuclear power plant", "Chernobyl nuclear plant"),
    "Kramatorsk railway station": (
        "Kramatorsk railway station",
        "Kramatorsk train station",
        "Kramatorsk station",
        "Kramatorsk rail station",
    ),
    "Mariupol drama theatre": (
        "Mariupol drama theatre",
        "Mariupol drama theater",
        "Mariupol theatre",
        "Mariupol theater",
    ),
    "Amstor shopping mall": ("Amstor shopping mall", "Amstor mall", "Amstor shopping centre", "Amstor"),
    "Black Sea": ("Black Sea",),
    "Sea of Azov": ("Sea of Azov", "Azov Sea"),
    "Snake Island": ("Snake Island",),
    "Kerch Bridge": ("Kerch Bridge", "Crimean Bridge", "Kerch Strait Bridge"),
}

# Capitals and seats of power used as metonyms ("Kyiv says", "the Kremlin said").
METONYMS: dict[str, str] = {
    "Kyiv": "Ukraine",
    "Moscow": "Russia",
    "Kremlin": "Russia",
    "Washington": "United States",
    "White House": "United States",
    "Pentagon": "United States (defence ministry)",
    "State Department": "United States (foreign ministry)",
    "London": "United Kingdom",
    "Beijing": "China",
    "Paris": "France",
    "Berlin": "Germany",
    "Minsk": "Belarus",
    "Warsaw": "Poland",
    "Ankara": "Turkey",
    "Tehran": "Iran",
    "Tokyo": "Japan",
    "Brussels": "European Union",
}

PERSON_ALIASES: dict[str, str] = {
    "zelensky": "Volodymyr Zelensky",
    "zelenskyy": "Volodymyr Zelensky",
    "zelenskiy": "Volodymyr Zelensky",
    "zelenskyi": "Volodymyr Zelensky",
    "volodymyr zelenskyi": "Volodymyr Zelensky",
    "volodymyr zelensky": "Volodymyr Zelensky",
    "volodymyr zelenskyy": "Volodymyr Zelensky",
    "volodymyr zelenskiy": "Volodymyr Zelensky",
    "putin": "Vladimir Putin",
    "vladimir putin": "Vladimir Putin",
    "peskov": "Dmitry Peskov",
    "dmitry peskov": "Dmitry Peskov",
    "lavrov": "Sergei Lavrov",
    "sergei lavrov": "Sergei Lavrov",
    "sergey lavrov": "Sergei Lavrov",
    "sergey shoigu": "Sergei Shoigu",
    "shoigu": "Sergei Shoigu",
    "sergei shoigu": "Sergei Shoigu",
    "kuleba": "Dmytro Kuleba",
    "dmytro kuleba": "Dmytro Kuleba",
    "guterres": "António Guterres",
    "antonio guterres": "António Guterres",
    "antónio guterres": "António Guterres",
    "stoltenberg": "Jens Stoltenberg",
    "jens stoltenberg": "Jens Stoltenberg",
    "biden": "Joe Biden",
    "joe biden": "Joe Biden",
    "bachelet": "Michelle Bachelet",
    "michelle bachelet": "Michelle Bachelet",
    "konashenkov": "Igor Konashenkov",
    "igor konashenkov": "Igor Konashenkov",
    "klitschko": "Vitali Klitschko",
    "vitali klitschko": "Vitali Klitschko",
    "vitaliy klitschko": "Vitali Klitschko",
}

# ------------------------------------------------------------------------------------------- matching

TOKEN_RE = re.compile(r"[A-Z](?:\.[A-Z])+\.?|\w+(?:[-‐]\w+)*|['’]s\b|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer hit. ``kind``: country, demonym, organisation, treaty, city, region, other."""

    start: int
    end: int
    text: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: str
    case: str  # "exact" | "cap" | "any"
    surface: tuple[str, ...]


@dataclass
class Lexicon:
    entries: dict[tuple[str, ...], list[_Entry]]
    maxlen: dict[str, int]


def _toks(text: str) -> list[str]:
    return [m.group() for m in TOKEN_RE.finditer(text)]


def _is_acronym(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in s


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The gazetteer, built once."""
    entries: dict[tuple[str, ...], list[_Entry]] = {}
    maxlen: dict[str, int] = {}

    def add(surface: str, name: str, kind: str, case: str | None = None) -> None:
        toks = _toks(surface)
        if not toks:
            return
        if toks[0].lower() == "the" and len(toks) > 1:
            toks = toks[1:]
        c = case or ("exact" if _is_acronym(surface) else "cap")
        key = tuple(t.lower() for t in toks)
        lst = entries.setdefault(key, [])
        e = _Entry(name, kind, c, tuple(toks))
        if e not in lst:
            lst.append(e)
        maxlen[key[0]] = max(maxlen.get(key[0], 0), len(key))

    for c in pycountry.countries:
        canon = COUNTRY_OVERRIDES.get(c.name) or getattr(c, "common_name", None) or c.name
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), canon):
            if n and "," not in n and "(" not in n:
                add(n, canon, "country", "cap")
    for canon, aliases in COUNTRY_ALIASES.items():
        add(canon, canon, "country", "cap")
        for a in aliases:
            add(a, canon, "country")
    for canon, dems in DEMONYMS.items():
        for d in dems:
            add(d, canon, "demonym", "cap")
    for canon, aliases in ORGANISATIONS.items():
        for a in aliases:
            add(a, canon, "organisation")
    for canon, aliases in TREATIES.items():
        for a in aliases:
            add(a, canon, "treaty", "exact" if _is_acronym(a) else "any")
    for canon, variants in CITIES.items():
        for v in variants:
            add(v, canon, "city", "cap")
    for canon, variants in REGIONS.items():
        for v in variants:
            add(v, canon, "region", "cap")
    for st in US_STATES:
        add(st, st.removesuffix(" State"), "region", "cap")
    for canon, variants in LANDMARKS.items():
        for v in variants:
            add(v, canon, "other", "cap")
    return Lexicon(entries, maxlen)


def tokenize(sentence: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(sentence)]


def _accept(entry: _Entry, toks: list[tuple[str, int, int]], i: int, n: int) -> bool:
    if entry.case == "any":
        return True
    if entry.case == "exact":
        return all(toks[i + k][0] == entry.surface[k] for k in range(n))
    first = toks[i][0]
    return first[:1].isupper()


def find_mentions(sentence: str, toks: list[tuple[str, int, int]]) -> list[Mention]:
    """Longest-match gazetteer mentions, in order, non-overlapping."""
    lex = lexicon()
    out: list[Mention] = []
    i = 0
    n_tok = len(toks)
    while i < n_tok:
        tok = toks[i][0]
        low = tok.lower()
        ml = lex.maxlen.get(low)
        if ml is None or not (tok[:1].isupper() or tok[:1].isdigit() or low in _ANYCASE_FIRST):
            i += 1
            continue
        hit = None
        for n in range(min(ml, n_tok - i), 0, -1):
            key = tuple(t[0].lower() for t in toks[i : i + n])
            cands = lex.entries.get(key)
            if not cands:
                continue
            for e in cands:
                if _accept(e, toks, i, n):
                    hit = (e, n)
                    break
            if hit:
                break
        if hit is None:
            i += 1
            continue
        e, n = hit
        s, t = toks[i][1], toks[i + n - 1][2]
        out.append(Mention(s, t, sentence[s:t], e.name, e.kind))
        i += n
    return out


@lru_cache(maxsize=1)
def _anycase_first() -> frozenset[str]:
    lex = lexicon()
    return frozenset(k[0] for k, es in lex.entries.items() if any(e.case == "any" for e in es))


class _AnyCaseFirst:
    def __contains__(self, item: str) -> bool:
        return item in _anycase_first()


_ANYCASE_FIRST = _AnyCaseFirst()

# ----------------------------------------------------------------------------------------- persons

_TITLES = (
    r"President|Prime\s+Minister|PM|Chancellor|(?:Foreign|Defen[cs]e|Interior|Health|Deputy\s+Prime)\s+Minister"
    r"|Minister|Secretary[-\s]General|Secretary|Mayor|Governor|Gov\.|General|Gen\.|Lt\.?\s+Gen\.|Colonel|Col\."
    r"|Major|Maj\.|Commissioner|High\s+Commissioner|Ambassador|Senator|Sen\.|Rep\.|Representative"
    r"|Pope|King|Queen|Prince|Princess|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prosecutor|Judge|Justice|Spokesman|Spokeswoman"
    r"|Spokesperson|spokesman|spokeswoman|spokesperson|Patriarch|Chief\s+Prosecutor|prosecutor"
)
PERSON_TITLE_RE = re.compile(
    rf"\b(?:{_TITLES})\s+(?P<name>[A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+){{0,2}})",
)
PERSON_SAID_RE = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+){1,2})\s+(?:has\s+|had\s+)?"
    r"(?:said|says|told|stated|added|wrote|tweeted|claimed|claims|announced|insisted|warned|noted)\b"
)


_TITLE_QUICK_RE = re.compile(
    r"President|Minister|PM|Chancellor|Secretary|Mayor|Gov|General|Gen\.|Lt|Col|Maj|Commissioner|Ambassador|"
    r"Sen\.|Senator|Rep|Pope|King|Queen|Prince|Mr|Mrs|Ms|Dr|Prosecutor|prosecutor|Judge|Justice|[Ss]pokes|"
    r"Patriarch"
)
_SAID_QUICK_RE = re.compile(
    r"said|says|told|stated|added|wrote|tweeted|claim|announced|insisted|warned|noted"
)
_KNOWN_QUICK_RE = re.compile(r"Zelensk|Putin|Peskov|Lavrov|Kuleba|Guterres|Stoltenberg|Biden|Bachelet")


def normalise_person(name: str) -> str:
    name = name.removesuffix("'s").removesuffix("’s")
    key = " ".join(name.lower().split())
    return PERSON_ALIASES.get(key, " ".join(name.split()))


def find_persons(sentence: str, mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """(start, end, normalised name) of persons named with a title or as the subject of "said"."""
    out: list[tuple[int, int, str]] = []
    taken = [(m.start, m.end) for m in mentions]
    rxs = []
    if _TITLE_QUICK_RE.search(sentence):
        rxs.append(PERSON_TITLE_RE)
    if _SAID_QUICK_RE.search(sentence):
        rxs.append(PERSON_SAID_RE)
    for rx in rxs:
        for m in rx.finditer(sentence):
            s, e = m.span("name")
            name = m.group("name")
            words = name.split()
            # drop leading words that are gazetteer hits ("Ukrainian President ..." handled by the title)
            if any(s < te and ts < e for ts, te in taken):
                continue
            if words[0] in _NOT_NAME_START or words[-1] in _NOT_NAME_START:
                continue
            if any(s < oe and os_ < e for os_, oe, _ in out):
                continue
            out.append((s, e, normalise_person(name)))
    for m in _KNOWN_PERSON_RE.finditer(sentence) if _KNOWN_QUICK_RE.search(sentence) else ():
        s, e = m.span()
        if any(s < oe and os_ < e for os_, oe, _ in out):
            continue
        out.append((s, e, normalise_person(m.group())))
    out.sort()
    return out


_NOT_NAME_START = frozenset(
    [
        *vocab.WEEKDAYS,
        *vocab.MONTHS,
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "During",
        "According",
        "Officials",
        "Police",
        "Witnesses",
        "Residents",
        "Authorities",
        "Russia",
        "Ukraine",
        "Kyiv",
        "Moscow",
        "Some",
        "Many",
        "Most",
        "Several",
        "Others",
        "Local",
        "Regional",
        "Ministry",
        "Defence",
        "Defense",
        "Foreign",
        "General",
        "Staff",
        "Army",
        "Military",
        "Government",
        "Council",
        "Office",
        "Agency",
    ]
)
_KNOWN_PERSON_RE = re.compile(
    r"\b(?:Volodymyr\s+)?Zelensk(?:yy|iy|yi|y)\b|\b(?:Vladimir\s+)?Putin\b|\b(?:Dmitry\s+)?Peskov\b"
    r"|\b(?:Sergei\s+|Sergey\s+)?Lavrov\b|\b(?:Dmytro\s+)?Kuleba\b|\b(?:Ant[oó]nio\s+)?Guterres\b"
    r"|\b(?:Jens\s+)?Stoltenberg\b|\b(?:Joe\s+)?Biden\b|\b(?:Michelle\s+)?Bachelet\b"
)
