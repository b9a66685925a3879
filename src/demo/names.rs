//! Word lists for names: companies and people in English, Polish, German,
//! Italian, Russian and Thai, and the team's own CSMs and support agents.
//!
//! Each word comes with its romanised form, written by hand, because domains
//! and e-mail addresses are ASCII while names are not. This file holds data
//! only; putting the words together is `identity.rs`'s and `accounts.rs`'s job.

/// A word as written, and the ASCII form used in domains and e-mail addresses.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Word {
    pub native: &'static str,
    pub roman: &'static str,
}

const fn w(native: &'static str, roman: &'static str) -> Word {
    Word { native, roman }
}

/// The languages of the demo's customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Language {
    English,
    Polish,
    German,
    Italian,
    Russian,
    Thai,
}

/// How one language's company names are put together.
pub(super) struct CompanyWords {
    /// Family names, rivers, regions: the distinctive part of a name.
    pub brands: &'static [Word],
    pub industries: &'static [Word],
    /// Cities, used to tell apart two companies whose names would clash.
    pub places: &'static [Word],
    pub legal_forms: &'static [&'static str],
    pub top_level_domains: &'static [&'static str],
}

/// One language's names of people.
pub(super) struct PersonWords {
    pub female_given: &'static [Word],
    pub male_given: &'static [Word],
    pub family: &'static [Word],
    /// Appended to a family name for a woman (Russian Иванов → Иванова).
    pub feminine_ending: Word,
}

impl Language {
    pub(super) fn company_words(self) -> &'static CompanyWords {
        match self {
            Language::English => &ENGLISH_COMPANIES,
            Language::Polish => &POLISH_COMPANIES,
            Language::German => &GERMAN_COMPANIES,
            Language::Italian => &ITALIAN_COMPANIES,
            Language::Russian => &RUSSIAN_COMPANIES,
            Language::Thai => &THAI_COMPANIES,
        }
    }

    pub(super) fn person_words(self) -> &'static PersonWords {
        match self {
            Language::English => &ENGLISH_PEOPLE,
            Language::Polish => &POLISH_PEOPLE,
            Language::German => &GERMAN_PEOPLE,
            Language::Italian => &ITALIAN_PEOPLE,
            Language::Russian => &RUSSIAN_PEOPLE,
            Language::Thai => &THAI_PEOPLE,
        }
    }

    /// Job titles in this language; English ones are used everywhere too.
    pub(super) fn roles(self) -> &'static [&'static str] {
        match self {
            Language::English => ENGLISH_ROLES,
            Language::Polish => &["Prezes Zarządu", "Kierownik IT", "Główna Księgowa", "Dyrektor Operacyjny"],
            Language::German => &["Geschäftsführer", "IT-Leiter", "Einkauf", "Leiterin Kundenservice"],
            Language::Italian => {
                &["Amministratore Delegato", "Responsabile IT", "Ufficio Acquisti", "Direttrice Commerciale"]
            }
            Language::Russian => {
                &["Генеральный директор", "Руководитель ИТ", "Главный бухгалтер", "Менеджер по закупкам"]
            }
            Language::Thai => &["กรรมการผู้จัดการ", "ผู้จัดการฝ่ายไอที", "ฝ่ายจัดซื้อ", "หัวหน้าฝ่ายบริการลูกค้า"],
        }
    }
}

#[rustfmt::skip]
pub(super) const ENGLISH_ROLES: &[&str] = &[
    "CEO", "CTO", "COO", "Head of Support", "Customer Success Lead", "IT Administrator",
    "Operations Manager", "Finance Manager", "Product Manager", "Marketing Director",
    "Procurement", "Office Manager", "VP Engineering", "Data Analyst",
];

/// English brands are coined from two halves ("Bright" + "wave").
#[rustfmt::skip]
pub(super) const ENGLISH_BRAND_STARTS: &[&str] = &[
    "Bright", "Blue", "North", "Silver", "Red", "Green", "Iron", "Swift", "Clear", "Deep", "High",
    "True", "Open", "Cloud", "Stone", "Oak", "Pine", "River", "Summit", "Harbor", "Cedar", "Maple",
    "Falcon", "Lumen", "Nova", "Pixel", "Quant", "Vector", "Atlas", "Orbit", "Echo", "Apex", "Zen",
    "Bold", "Prime", "Golden", "Sun", "Star", "Tidal", "Copper",
];

#[rustfmt::skip]
pub(super) const ENGLISH_BRAND_ENDS: &[&str] = &[
    "wave", "stone", "line", "works", "field", "point", "gate", "path", "bridge", "forge", "ly",
    "ify", "hub", "stack", "base", "scale", "spark", "wise", "loop", "mark", "craft", "shift",
    "beam", "leaf", "crest", "port", "view", "nest", "grid", "ware",
];

#[rustfmt::skip]
const ENGLISH_COMPANIES: CompanyWords = CompanyWords {
    // Coined from ENGLISH_BRAND_STARTS and ENGLISH_BRAND_ENDS instead.
    brands: &[],
    industries: &[
        w("Analytics", "analytics"), w("Logistics", "logistics"), w("Health", "health"),
        w("Robotics", "robotics"), w("Foods", "foods"), w("Media", "media"),
        w("Software", "software"), w("Systems", "systems"), w("Energy", "energy"),
        w("Labs", "labs"), w("Capital", "capital"), w("Retail", "retail"), w("Studios", "studios"),
        w("Networks", "networks"), w("Security", "security"), w("Biotech", "biotech"),
        w("Outdoors", "outdoors"), w("Consulting", "consulting"), w("Travel", "travel"),
        w("Learning", "learning"), w("Payments", "payments"), w("Insurance", "insurance"),
        w("Motors", "motors"), w("Design", "design"), w("Supply", "supply"), w("Dental", "dental"),
        w("Legal", "legal"), w("Farms", "farms"), w("Apparel", "apparel"), w("Games", "games"),
    ],
    places: &[
        w("Austin", "austin"), w("Boston", "boston"), w("Denver", "denver"), w("Leeds", "leeds"),
        w("Bristol", "bristol"), w("Dublin", "dublin"), w("Seattle", "seattle"),
        w("Toronto", "toronto"), w("Phoenix", "phoenix"), w("Portland", "portland"),
        w("Chicago", "chicago"), w("Atlanta", "atlanta"), w("Glasgow", "glasgow"),
        w("Oxford", "oxford"), w("Madison", "madison"),
    ],
    legal_forms: &["Inc.", "Ltd", "LLC", "Corp.", "Co.", "", "", ""],
    top_level_domains: &["com", "com", "io", "co", "net"],
};

#[rustfmt::skip]
const POLISH_COMPANIES: CompanyWords = CompanyWords {
    brands: &[
        w("Wisła", "wisla"), w("Bałtyk", "baltyk"), w("Tatry", "tatry"), w("Orzeł", "orzel"),
        w("Sokół", "sokol"), w("Mazowsze", "mazowsze"), w("Kujawy", "kujawy"),
        w("Podhale", "podhale"), w("Warta", "warta"), w("Odra", "odra"), w("Bursztyn", "bursztyn"),
        w("Jantar", "jantar"), w("Pomorze", "pomorze"), w("Śląsk", "slask"), w("Żuraw", "zuraw"),
        w("Kowalczyk", "kowalczyk"), w("Nowak", "nowak"), w("Wójcik", "wojcik"),
        w("Mazur", "mazur"), w("Zając", "zajac"), w("Lech", "lech"), w("Piast", "piast"),
        w("Dąb", "dab"), w("Jodła", "jodla"), w("Łąka", "laka"), w("Gryf", "gryf"),
        w("Wawel", "wawel"), w("Kasztan", "kasztan"), w("Promień", "promien"),
        w("Sudety", "sudety"),
    ],
    industries: &[
        w("Logistyka", "logistyka"), w("Systemy", "systemy"), w("Technologie", "technologie"),
        w("Budownictwo", "budownictwo"), w("Zakłady Mięsne", "zaklady-miesne"),
        w("Meble", "meble"), w("Transport", "transport"), w("Finanse", "finanse"),
        w("Media", "media"), w("Energia", "energia"), w("Handel", "handel"),
        w("Farmacja", "farmacja"), w("Ubezpieczenia", "ubezpieczenia"),
        w("Oprogramowanie", "oprogramowanie"), w("Rolnictwo", "rolnictwo"),
        w("Poligrafia", "poligrafia"), w("Konsulting", "konsulting"),
        w("Elektronika", "elektronika"), w("Piekarnia", "piekarnia"), w("Drukarnia", "drukarnia"),
    ],
    places: &[
        w("Łódź", "lodz"), w("Kraków", "krakow"), w("Gdańsk", "gdansk"), w("Poznań", "poznan"),
        w("Wrocław", "wroclaw"), w("Lublin", "lublin"), w("Toruń", "torun"),
        w("Rzeszów", "rzeszow"), w("Białystok", "bialystok"), w("Katowice", "katowice"),
        w("Szczecin", "szczecin"), w("Opole", "opole"),
    ],
    legal_forms: &["sp. z o.o.", "sp. z o.o.", "S.A.", "sp.j.", "sp.k."],
    top_level_domains: &["pl", "pl", "com.pl"],
};

#[rustfmt::skip]
const GERMAN_COMPANIES: CompanyWords = CompanyWords {
    brands: &[
        w("Müller", "mueller"), w("Schmidt", "schmidt"), w("Schneider", "schneider"),
        w("Fischer", "fischer"), w("Weber", "weber"), w("Meyer", "meyer"), w("Wagner", "wagner"),
        w("Becker", "becker"), w("Hoffmann", "hoffmann"), w("Schäfer", "schaefer"),
        w("Koch", "koch"), w("Bauer", "bauer"), w("Richter", "richter"), w("Klein", "klein"),
        w("Wolf", "wolf"), w("Schröder", "schroeder"), w("Neumann", "neumann"),
        w("Schwarz", "schwarz"), w("Zimmermann", "zimmermann"), w("Braun", "braun"),
        w("Krüger", "krueger"), w("Hartmann", "hartmann"), w("Lange", "lange"),
        w("Nordwind", "nordwind"), w("Alpen", "alpen"), w("Rhein", "rhein"), w("Elbe", "elbe"),
        w("Sonnenberg", "sonnenberg"), w("Eichwald", "eichwald"), w("Groß", "gross"),
    ],
    industries: &[
        w("Maschinenbau", "maschinenbau"), w("Logistik", "logistik"), w("Software", "software"),
        w("Elektrotechnik", "elektrotechnik"), w("Bau", "bau"),
        w("Medizintechnik", "medizintechnik"), w("Versicherungen", "versicherungen"),
        w("Druckerei", "druckerei"), w("Lebensmittel", "lebensmittel"),
        w("Automobiltechnik", "automobiltechnik"), w("Energie", "energie"), w("Handel", "handel"),
        w("Beratung", "beratung"), w("Möbelwerk", "moebelwerk"), w("Systemhaus", "systemhaus"),
        w("Werkzeuge", "werkzeuge"), w("Verpackung", "verpackung"),
        w("Solartechnik", "solartechnik"), w("Spedition", "spedition"), w("Brauerei", "brauerei"),
    ],
    places: &[
        w("München", "muenchen"), w("Köln", "koeln"), w("Hamburg", "hamburg"),
        w("Berlin", "berlin"), w("Stuttgart", "stuttgart"), w("Düsseldorf", "duesseldorf"),
        w("Leipzig", "leipzig"), w("Dresden", "dresden"), w("Bremen", "bremen"),
        w("Nürnberg", "nuernberg"), w("Hannover", "hannover"), w("Freiburg", "freiburg"),
    ],
    legal_forms: &["GmbH", "GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG", "e.K."],
    top_level_domains: &["de"],
};

#[rustfmt::skip]
const ITALIAN_COMPANIES: CompanyWords = CompanyWords {
    brands: &[
        w("Ferretti", "ferretti"), w("Rossi", "rossi"), w("Russo", "russo"),
        w("Bianchi", "bianchi"), w("Romano", "romano"), w("Colombo", "colombo"),
        w("Ricci", "ricci"), w("Marino", "marino"), w("Greco", "greco"), w("Bruno", "bruno"),
        w("Gallo", "gallo"), w("Conti", "conti"), w("De Luca", "deluca"), w("Mancini", "mancini"),
        w("Costa", "costa"), w("Giordano", "giordano"), w("Rizzo", "rizzo"),
        w("Lombardi", "lombardi"), w("Moretti", "moretti"), w("Barbieri", "barbieri"),
        w("Fontana", "fontana"), w("Santoro", "santoro"), w("Mariani", "mariani"),
        w("Rinaldi", "rinaldi"), w("Caruso", "caruso"), w("Ferrara", "ferrara"),
        w("Galli", "galli"), w("Martini", "martini"), w("Leone", "leone"), w("Longo", "longo"),
    ],
    industries: &[
        w("Costruzioni", "costruzioni"), w("Logistica", "logistica"),
        w("Alimentari", "alimentari"), w("Tessile", "tessile"), w("Meccanica", "meccanica"),
        w("Arredamenti", "arredamenti"), w("Informatica", "informatica"),
        w("Trasporti", "trasporti"), w("Assicurazioni", "assicurazioni"), w("Energia", "energia"),
        w("Farmaceutica", "farmaceutica"), w("Edilizia", "edilizia"), w("Ceramiche", "ceramiche"),
        w("Vini", "vini"), w("Consulenze", "consulenze"), w("Stampa", "stampa"),
        w("Elettronica", "elettronica"), w("Calzature", "calzature"), w("Occhiali", "occhiali"),
        w("Caffè", "caffe"),
    ],
    places: &[
        w("Milano", "milano"), w("Torino", "torino"), w("Roma", "roma"), w("Napoli", "napoli"),
        w("Bologna", "bologna"), w("Firenze", "firenze"), w("Genova", "genova"),
        w("Verona", "verona"), w("Bari", "bari"), w("Padova", "padova"), w("Parma", "parma"),
        w("Brescia", "brescia"),
    ],
    legal_forms: &["S.r.l.", "S.r.l.", "S.p.A.", "S.n.c.", "S.a.s."],
    top_level_domains: &["it"],
};

#[rustfmt::skip]
const RUSSIAN_COMPANIES: CompanyWords = CompanyWords {
    brands: &[
        w("Сибирь", "sibir"), w("Волга", "volga"), w("Урал", "ural"), w("Байкал", "baikal"),
        w("Нева", "neva"), w("Север", "sever"), w("Восток", "vostok"), w("Заря", "zarya"),
        w("Алмаз", "almaz"), w("Кедр", "kedr"), w("Сокол", "sokol"), w("Радуга", "raduga"),
        w("Гранит", "granit"), w("Янтарь", "yantar"), w("Берёза", "beryoza"),
        w("Меридиан", "meridian"), w("Вектор", "vektor"), w("Орбита", "orbita"),
        w("Атлант", "atlant"), w("Спектр", "spektr"), w("Импульс", "impuls"),
        w("Прогресс", "progress"), w("Рубин", "rubin"), w("Звезда", "zvezda"), w("Олимп", "olimp"),
        w("Титан", "titan"), w("Авангард", "avangard"), w("Эталон", "etalon"),
        w("Горизонт", "gorizont"), w("Бриз", "briz"),
    ],
    industries: &[
        w("Логистика", "logistika"), w("Софт", "soft"), w("Строй", "stroy"), w("Торг", "torg"),
        w("Пром", "prom"), w("Энерго", "energo"), w("Трейд", "treid"), w("Сервис", "servis"),
        w("Технологии", "tehnologii"), w("Инвест", "invest"), w("Медиа", "media"),
        w("Транс", "trans"), w("Агро", "agro"), w("Фарм", "farm"), w("Маш", "mash"),
        w("Телеком", "telekom"), w("Систем", "sistem"), w("Групп", "grupp"), w("Лаб", "lab"),
        w("Консалт", "konsalt"),
    ],
    places: &[
        w("Москва", "moskva"), w("Санкт-Петербург", "spb"), w("Казань", "kazan"),
        w("Новосибирск", "novosibirsk"), w("Екатеринбург", "ekb"), w("Самара", "samara"),
        w("Нижний Новгород", "nnov"), w("Краснодар", "krasnodar"), w("Пермь", "perm"),
        w("Воронеж", "voronezh"),
    ],
    legal_forms: &["ООО", "ООО", "ООО", "АО", "ПАО", "ЗАО"],
    top_level_domains: &["ru"],
};

#[rustfmt::skip]
const THAI_COMPANIES: CompanyWords = CompanyWords {
    brands: &[
        w("สยาม", "siam"), w("ไทยเจริญ", "thaicharoen"), w("กรุงเทพ", "krungthep"),
        w("รุ่งเรือง", "rungrueang"), w("ศรีสุข", "srisuk"), w("มั่นคง", "mankhong"),
        w("เจริญผล", "charoenphon"), w("ทองดี", "thongdee"), w("แสงทอง", "saengthong"),
        w("ชัยพฤกษ์", "chaiyapruek"), w("พัฒนา", "pattana"), w("อุดม", "udom"),
        w("บางกอก", "bangkok"), w("ล้านนา", "lanna"), w("อันดามัน", "andaman"),
        w("เอเชีย", "asia"), w("มหานคร", "mahanakhon"), w("ศรีสยาม", "srisiam"),
        w("นครชัย", "nakhonchai"), w("ดวงดาว", "duangdao"), w("ไทยรุ่ง", "thairung"),
        w("สุวรรณ", "suwan"), w("บูรพา", "burapha"), w("ราชพฤกษ์", "ratchaphruek"),
        w("เพชรรัตน์", "petcharat"),
    ],
    industries: &[
        w("โลจิสติกส์", "logistics"), w("เทค", "tech"), w("ซอฟต์แวร์", "software"),
        w("การค้า", "trading"), w("อาหาร", "food"), w("ก่อสร้าง", "construction"),
        w("พลังงาน", "energy"), w("การแพทย์", "medical"), w("มีเดีย", "media"),
        w("อินเตอร์เนชั่นแนล", "international"), w("ขนส่ง", "transport"), w("เกษตร", "agro"),
        w("ประกันภัย", "insurance"), w("อิเล็กทรอนิกส์", "electronics"), w("ดิจิทัล", "digital"),
        w("คอนซัลติ้ง", "consulting"), w("เฟอร์นิเจอร์", "furniture"), w("โฮลดิ้งส์", "holdings"),
    ],
    places: &[
        w("เชียงใหม่", "chiangmai"), w("ภูเก็ต", "phuket"), w("ขอนแก่น", "khonkaen"),
        w("ชลบุรี", "chonburi"), w("หาดใหญ่", "hatyai"), w("นครราชสีมา", "korat"),
        w("อุดรธานี", "udon"), w("ระยอง", "rayong"),
    ],
    legal_forms: &["จำกัด", "จำกัด", "จำกัด", "จำกัด (มหาชน)"],
    top_level_domains: &["co.th"],
};

#[rustfmt::skip]
const ENGLISH_PEOPLE: PersonWords = PersonWords {
    female_given: &[
        w("Emma", "emma"), w("Olivia", "olivia"), w("Sophia", "sophia"), w("Ava", "ava"),
        w("Grace", "grace"), w("Chloe", "chloe"), w("Harper", "harper"), w("Ella", "ella"),
        w("Amelia", "amelia"), w("Ruby", "ruby"), w("Emily", "emily"), w("Hannah", "hannah"),
    ],
    male_given: &[
        w("James", "james"), w("Noah", "noah"), w("Liam", "liam"), w("Mason", "mason"),
        w("Ethan", "ethan"), w("Daniel", "daniel"), w("Lucas", "lucas"), w("Jack", "jack"),
        w("Henry", "henry"), w("Oscar", "oscar"), w("Samuel", "samuel"), w("Owen", "owen"),
    ],
    family: &[
        w("Smith", "smith"), w("Johnson", "johnson"), w("Brown", "brown"), w("Taylor", "taylor"),
        w("Wilson", "wilson"), w("Davies", "davies"), w("Evans", "evans"), w("Thomas", "thomas"),
        w("Roberts", "roberts"), w("Walker", "walker"), w("Wright", "wright"),
        w("Clarke", "clarke"), w("Hughes", "hughes"), w("Green", "green"), w("Hall", "hall"),
        w("Wood", "wood"), w("Harris", "harris"), w("Lewis", "lewis"), w("Martin", "martin"),
        w("Cooper", "cooper"), w("O'Brien", "obrien"), w("Patel", "patel"),
    ],
    feminine_ending: w("", ""),
};

#[rustfmt::skip]
const POLISH_PEOPLE: PersonWords = PersonWords {
    female_given: &[
        w("Anna", "anna"), w("Katarzyna", "katarzyna"), w("Małgorzata", "malgorzata"),
        w("Agnieszka", "agnieszka"), w("Magdalena", "magdalena"), w("Joanna", "joanna"),
        w("Zofia", "zofia"), w("Ewa", "ewa"), w("Aleksandra", "aleksandra"),
        w("Natalia", "natalia"), w("Marta", "marta"), w("Dorota", "dorota"),
    ],
    male_given: &[
        w("Piotr", "piotr"), w("Krzysztof", "krzysztof"), w("Tomasz", "tomasz"),
        w("Paweł", "pawel"), w("Michał", "michal"), w("Łukasz", "lukasz"), w("Jakub", "jakub"),
        w("Wojciech", "wojciech"), w("Marcin", "marcin"), w("Grzegorz", "grzegorz"),
        w("Andrzej", "andrzej"), w("Bartosz", "bartosz"),
    ],
    // Family names that are the same for women and men, so no ending is needed.
    family: &[
        w("Nowak", "nowak"), w("Wójcik", "wojcik"), w("Kowalczyk", "kowalczyk"),
        w("Woźniak", "wozniak"), w("Mazur", "mazur"), w("Krawczyk", "krawczyk"),
        w("Kaczmarek", "kaczmarek"), w("Zając", "zajac"), w("Król", "krol"),
        w("Wieczorek", "wieczorek"), w("Dudek", "dudek"), w("Pawlak", "pawlak"),
        w("Walczak", "walczak"), w("Sikora", "sikora"), w("Baran", "baran"),
        w("Szewczyk", "szewczyk"), w("Michalak", "michalak"), w("Duda", "duda"),
    ],
    feminine_ending: w("", ""),
};

#[rustfmt::skip]
const GERMAN_PEOPLE: PersonWords = PersonWords {
    female_given: &[
        w("Anna", "anna"), w("Lena", "lena"), w("Julia", "julia"), w("Katharina", "katharina"),
        w("Sabine", "sabine"), w("Ute", "ute"), w("Jana", "jana"), w("Sophie", "sophie"),
        w("Marie", "marie"), w("Birgit", "birgit"), w("Greta", "greta"), w("Heike", "heike"),
    ],
    male_given: &[
        w("Jürgen", "juergen"), w("Lukas", "lukas"), w("Jonas", "jonas"), w("Tobias", "tobias"),
        w("Stefan", "stefan"), w("Andreas", "andreas"), w("Michael", "michael"),
        w("Thomas", "thomas"), w("Felix", "felix"), w("Matthias", "matthias"), w("Klaus", "klaus"),
        w("Jörg", "joerg"),
    ],
    family: &[
        w("Müller", "mueller"), w("Schmidt", "schmidt"), w("Schneider", "schneider"),
        w("Fischer", "fischer"), w("Weber", "weber"), w("Meyer", "meyer"), w("Wagner", "wagner"),
        w("Becker", "becker"), w("Schulz", "schulz"), w("Hoffmann", "hoffmann"),
        w("Schäfer", "schaefer"), w("Koch", "koch"), w("Bauer", "bauer"), w("Richter", "richter"),
        w("Klein", "klein"), w("Wolf", "wolf"), w("Schröder", "schroeder"),
        w("Neumann", "neumann"), w("Zimmermann", "zimmermann"), w("Krüger", "krueger"),
        w("Groß", "gross"),
    ],
    feminine_ending: w("", ""),
};

#[rustfmt::skip]
const ITALIAN_PEOPLE: PersonWords = PersonWords {
    female_given: &[
        w("Giulia", "giulia"), w("Francesca", "francesca"), w("Chiara", "chiara"),
        w("Sara", "sara"), w("Martina", "martina"), w("Alessia", "alessia"),
        w("Valentina", "valentina"), w("Federica", "federica"), w("Elena", "elena"),
        w("Silvia", "silvia"), w("Paola", "paola"), w("Laura", "laura"),
    ],
    male_given: &[
        w("Marco", "marco"), w("Luca", "luca"), w("Alessandro", "alessandro"),
        w("Giuseppe", "giuseppe"), w("Francesco", "francesco"), w("Matteo", "matteo"),
        w("Lorenzo", "lorenzo"), w("Andrea", "andrea"), w("Davide", "davide"),
        w("Stefano", "stefano"), w("Niccolò", "niccolo"), w("Paolo", "paolo"),
    ],
    family: &[
        w("Rossi", "rossi"), w("Russo", "russo"), w("Ferrari", "ferrari"),
        w("Esposito", "esposito"), w("Bianchi", "bianchi"), w("Romano", "romano"),
        w("Colombo", "colombo"), w("Ricci", "ricci"), w("Marino", "marino"), w("Greco", "greco"),
        w("Bruno", "bruno"), w("Gallo", "gallo"), w("Conti", "conti"), w("De Luca", "deluca"),
        w("Mancini", "mancini"), w("Costa", "costa"), w("Giordano", "giordano"),
        w("Rizzo", "rizzo"), w("Lombardi", "lombardi"), w("Moretti", "moretti"),
    ],
    feminine_ending: w("", ""),
};

#[rustfmt::skip]
const RUSSIAN_PEOPLE: PersonWords = PersonWords {
    female_given: &[
        w("Анна", "anna"), w("Мария", "maria"), w("Елена", "elena"), w("Ольга", "olga"),
        w("Наталья", "natalya"), w("Татьяна", "tatyana"), w("Ирина", "irina"),
        w("Екатерина", "ekaterina"), w("Светлана", "svetlana"), w("Юлия", "yulia"),
        w("Дарья", "darya"), w("Ксения", "ksenia"),
    ],
    male_given: &[
        w("Алексей", "aleksey"), w("Дмитрий", "dmitry"), w("Сергей", "sergey"),
        w("Андрей", "andrey"), w("Иван", "ivan"), w("Михаил", "mikhail"), w("Николай", "nikolay"),
        w("Павел", "pavel"), w("Владимир", "vladimir"), w("Артём", "artyom"), w("Игорь", "igor"),
        w("Константин", "konstantin"),
    ],
    // All end in -ов/-ев/-ин, whose feminine form adds -а.
    family: &[
        w("Иванов", "ivanov"), w("Смирнов", "smirnov"), w("Кузнецов", "kuznetsov"),
        w("Попов", "popov"), w("Соколов", "sokolov"), w("Лебедев", "lebedev"),
        w("Козлов", "kozlov"), w("Новиков", "novikov"), w("Морозов", "morozov"),
        w("Волков", "volkov"), w("Соловьёв", "solovyov"), w("Васильев", "vasilyev"),
        w("Зайцев", "zaitsev"), w("Павлов", "pavlov"), w("Семёнов", "semyonov"),
        w("Голубев", "golubev"), w("Виноградов", "vinogradov"), w("Богданов", "bogdanov"),
        w("Фёдоров", "fyodorov"), w("Орлов", "orlov"), w("Пушкин", "pushkin"),
    ],
    feminine_ending: w("а", "a"),
};

#[rustfmt::skip]
const THAI_PEOPLE: PersonWords = PersonWords {
    female_given: &[
        w("สมศรี", "somsri"), w("มาลี", "malee"), w("นภา", "napa"), w("สุดา", "suda"),
        w("พิมพ์ใจ", "pimjai"), w("อรุณี", "arunee"), w("กาญจนา", "kanchana"),
        w("ศิริพร", "siriporn"), w("วรรณา", "wanna"), w("ปราณี", "pranee"),
    ],
    male_given: &[
        w("สมชาย", "somchai"), w("ประเสริฐ", "prasert"), w("วิชัย", "wichai"),
        w("สุรชัย", "surachai"), w("อนุชา", "anucha"), w("ธนพล", "thanapon"), w("กิตติ", "kitti"),
        w("ณัฐพล", "nattapon"), w("พงศ์ศักดิ์", "pongsak"), w("ชัยวัฒน์", "chaiwat"),
    ],
    family: &[
        w("รัตนกุล", "rattanakul"), w("ศรีสุข", "srisuk"), w("วงศ์สวัสดิ์", "wongsawat"),
        w("แก้วมณี", "kaewmanee"), w("บุญมี", "boonmee"), w("ทองคำ", "thongkham"),
        w("สุขสมบูรณ์", "suksomboon"), w("จันทร์เพ็ญ", "chanpen"), w("พรหมมา", "phromma"),
        w("ศรีวงศ์", "sriwong"), w("ชัยมงคล", "chaimongkol"), w("อินทร์แก้ว", "inkaew"),
    ],
    feminine_ending: w("", ""),
};

/// The team's customer-success managers: the owners of accounts.
#[rustfmt::skip]
pub(super) const CUSTOMER_SUCCESS_MANAGERS: &[&str] = &[
    "Anna Kowalska", "Jonas Becker", "Giulia Romano", "Dmitri Volkov", "Ploy Srisuk", "Sam Taylor",
    "Marta Nowak",
];

/// The support agents tickets are assigned to; some write their names in
/// their own script.
#[rustfmt::skip]
pub(super) const SUPPORT_AGENTS: &[&str] = &[
    "Kasia Wójcik", "Tom Hughes", "Lena Fischer", "Marco Bianchi", "Ольга Смирнова",
    "ณัฐพล แก้วมณี", "Priya Patel", "Ben Walker", "Irina Orlova", "Chiara Conti",
];

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [Language; 6] = [
        Language::English,
        Language::Polish,
        Language::German,
        Language::Italian,
        Language::Russian,
        Language::Thai,
    ];

    fn is_domain_part(text: &str) -> bool {
        text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    #[test]
    fn every_list_is_filled_and_romanised_to_lower_case_ascii() {
        for language in LANGUAGES {
            let companies = language.company_words();
            let people = language.person_words();
            if language != Language::English {
                assert!(!companies.brands.is_empty(), "{language:?}");
            }
            for list in [companies.industries, companies.places, people.female_given]
                .into_iter()
                .chain([people.male_given, people.family])
            {
                assert!(!list.is_empty(), "{language:?}");
                for word in list {
                    assert!(!word.native.is_empty());
                    assert!(is_domain_part(word.roman), "{:?}", word.roman);
                }
            }
            for word in companies.brands {
                assert!(is_domain_part(word.roman), "{:?}", word.roman);
            }
            assert!(!companies.legal_forms.is_empty());
            assert!(!companies.top_level_domains.is_empty());
            assert!(!language.roles().is_empty());
        }
    }
}
