/**
 * Generates the bundled pickup-point directory (src/server/adapters/pickup-points/data/*.json): CDEK points
 * and Russian Post offices for the cities in src/lib/pickup-point-cities.ts, on each city's real streets,
 * with its real range of postal indexes, CDEK-style point codes, typical opening hours and coordinates
 * around the city centre. Deterministic (seeded per city): running it again gives the same files.
 *
 *   npx tsx scripts/pickup-points/generate-bundled-directory.ts
 *
 * The points are realistic, not real: the portal uses them only while no carrier API is configured (demo,
 * development, tests). With CDEK_* / RUSSIAN_POST_* set, the carriers' own directories are used instead.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PICKUP_POINT_CITIES, type PickupPointCity } from "../../src/lib/pickup-point-cities.ts";

interface CityPlan {
  /** Prefix of CDEK point codes, as CDEK uses them (MSK27, SPB12…). */
  cdekPrefix: string;
  /** Highest number in this city's CDEK codes. */
  cdekMaxNumber: number;
  center: [number, number];
  radiusKm: number;
  /** Distinct postal indexes of the city's post offices. */
  indexes: (random: () => number, count: number) => string[];
  cdekPoints: number;
  postOffices: number;
  /** Streets with their type, as written in addresses. */
  streets: string[];
}

/** Indexes base … base+span (most Russian cities: 630000–630136 and the like). */
function range(base: number, span: number) {
  return (random: () => number, count: number) => distinct(count, () => String(base + Math.floor(random() * (span + 1))));
}

/** Moscow: odd hundreds 101–129 with a 000–699 tail (101000, 125009, 117218…). */
function moscowIndexes(random: () => number, count: number): string[] {
  const heads = [101, 103, 105, 107, 109, 111, 115, 117, 119, 121, 123, 125, 127, 129];
  return distinct(count, () => `${heads[Math.floor(random() * heads.length)]}${String(Math.floor(random() * 700)).padStart(3, "0")}`);
}

/** Saint Petersburg: 190000–199406 (191186, 197342…). */
function petersburgIndexes(random: () => number, count: number): string[] {
  return distinct(count, () => `${190 + Math.floor(random() * 10)}${String(Math.floor(random() * 407)).padStart(3, "0")}`);
}

function distinct(count: number, next: () => string): string[] {
  const seen = new Set<string>();
  for (let guard = 0; seen.size < count && guard < count * 200; guard += 1) seen.add(next());
  if (seen.size < count) throw new Error(`could not draw ${count} distinct values`);
  return [...seen];
}

const PLANS: Record<PickupPointCity, CityPlan> = {
  Москва: {
    cdekPrefix: "MSK",
    cdekMaxNumber: 2400,
    center: [55.7558, 37.6173],
    radiusKm: 14,
    indexes: moscowIndexes,
    cdekPoints: 80,
    postOffices: 60,
    streets: [
      "ул. Тверская", "ул. Новый Арбат", "ул. Арбат", "Ленинский пр-т", "Профсоюзная ул.", "Кутузовский пр-т",
      "пр-т Мира", "Ленинградский пр-т", "Варшавское ш.", "Каширское ш.", "ул. Покровка", "ул. Маросейка",
      "ул. Мясницкая", "ул. Большая Дмитровка", "Новослободская ул.", "Бутырская ул.", "Дмитровское ш.",
      "Алтуфьевское ш.", "ул. Академика Королёва", "Щёлковское ш.", "Измайловский б-р", "Рязанский пр-т",
      "Волгоградский пр-т", "Люблинская ул.", "пр-т Андропова", "ул. Большая Черкизовская", "Хорошёвское ш.",
      "ул. Маршала Бирюзова", "ул. Народного Ополчения", "Мичуринский пр-т", "ул. Вавилова", "ул. Обручева",
      "ул. Миклухо-Маклая", "Балаклавский пр-т", "Дубнинская ул.", "ул. Земляной Вал", "Лесная ул.", "ул. Сретенка",
      "Чистопрудный б-р", "ул. Пятницкая", "ул. Большая Ордынка", "ул. Шаболовка", "Бауманская ул.",
      "ул. Верхняя Красносельская", "Первомайская ул.", "Новогиреевская ул.", "ул. Грина", "Дубравная ул.",
      "Пятницкое ш.", "ул. Лобачевского", "пр-т Вернадского", "Зелёный пр-т", "Комсомольский пр-т",
      "ул. Плющиха", "Садовая-Спасская ул.", "ул. Лестева", "Нахимовский пр-т", "Севастопольский пр-т",
    ],
  },
  "Санкт-Петербург": {
    cdekPrefix: "SPB",
    cdekMaxNumber: 900,
    center: [59.9386, 30.3141],
    radiusKm: 11,
    indexes: petersburgIndexes,
    cdekPoints: 60,
    postOffices: 50,
    streets: [
      "Невский пр-т", "Литейный пр-т", "Садовая ул.", "Гороховая ул.", "Московский пр-т", "Лиговский пр-т",
      "Большой пр-т П.С.", "Каменноостровский пр-т", "Кронверкский пр-т", "пр-т Просвещения", "Гражданский пр-т",
      "Светлановский пр-т", "пр-т Энгельса", "Комендантский пр-т", "Богатырский пр-т", "пр-т Ветеранов",
      "Ленинский пр-т", "пр-т Стачек", "ул. Типанова", "пр-т Славы", "Бухарестская ул.", "Купчинская ул.",
      "пр-т Большевиков", "Дальневосточный пр-т", "Заневский пр-т", "Среднеохтинский пр-т", "ул. Савушкина",
      "Коломяжский пр-т", "Лесной пр-т", "Кирочная ул.", "ул. Марата", "ул. Рубинштейна", "Средний пр-т В.О.",
      "Малый пр-т В.О.", "7-я линия В.О.", "Шлиссельбургский пр-т", "ул. Ленсовета", "Пулковское ш.",
      "Индустриальный пр-т", "ул. Десантников", "Искровский пр-т", "Наличная ул.",
    ],
  },
  Новосибирск: {
    cdekPrefix: "NSK",
    cdekMaxNumber: 360,
    center: [55.0302, 82.9204],
    radiusKm: 9,
    indexes: range(630001, 135),
    cdekPoints: 32,
    postOffices: 26,
    streets: [
      "Красный пр-т", "ул. Ленина", "ул. Кирова", "ул. Советская", "ул. Фрунзе", "ул. Гоголя", "ул. Дуси Ковальчук",
      "ул. Богдана Хмельницкого", "ул. Бориса Богаткова", "ул. Петухова", "ул. Станиславского", "ул. Титова",
      "пр-т Карла Маркса", "ул. Зорге", "ул. Ватутина", "ул. Немировича-Данченко", "ул. Выборная", "ул. Народная",
      "ул. Кропоткина", "ул. Галущака", "ул. Ипподромская", "Морской пр-т", "ул. Ильича", "ул. Вокзальная магистраль",
      "ул. Мичурина", "ул. Сибиряков-Гвардейцев", "ул. Челюскинцев", "ул. Широкая", "ул. Танкистов", "ул. Троллейная",
      "ул. Военная", "ул. Писарева", "ул. Плахотного",
    ],
  },
  Екатеринбург: {
    cdekPrefix: "EKB",
    cdekMaxNumber: 320,
    center: [56.838, 60.5975],
    radiusKm: 8,
    indexes: range(620000, 149),
    cdekPoints: 32,
    postOffices: 26,
    streets: [
      "пр-т Ленина", "ул. Малышева", "ул. 8 Марта", "ул. Вайнера", "ул. Карла Либкнехта", "ул. Луначарского",
      "ул. Белинского", "ул. Щорса", "ул. Куйбышева", "ул. Радищева", "ул. Челюскинцев", "ул. Свердлова",
      "ул. Мамина-Сибиряка", "ул. Бориса Ельцина", "ул. Татищева", "ул. Крауля", "ул. Металлургов", "ул. Амундсена",
      "ул. Академика Шварца", "ул. Родонитовая", "ул. Викулова", "пр-т Космонавтов", "ул. Победы", "ул. Сулимова",
      "ул. Блюхера", "ул. Техническая", "ул. Надеждинская", "ул. Шейнкмана", "ул. Хохрякова", "ул. Фрунзе",
      "ул. Седова", "ул. Бебеля",
    ],
  },
  Казань: {
    cdekPrefix: "KZN",
    cdekMaxNumber: 280,
    center: [55.7887, 49.1221],
    radiusKm: 8,
    indexes: range(420000, 141),
    cdekPoints: 32,
    postOffices: 26,
    streets: [
      "ул. Баумана", "ул. Пушкина", "ул. Кремлёвская", "ул. Петербургская", "ул. Большая Красная", "ул. Островского",
      "ул. Карла Маркса", "пр-т Победы", "пр-т Ямашева", "ул. Декабристов", "ул. Чистопольская", "ул. Адоратского",
      "ул. Сибгата Хакима", "ул. Гвардейская", "ул. Братьев Касимовых", "ул. Академика Парина", "пр-т Фатыха Амирхана",
      "ул. Меридианная", "ул. Минская", "ул. Юлиуса Фучика", "ул. Рихарда Зорге", "ул. Закиева", "ул. Четаева",
      "ул. Серова", "ул. Гаврилова", "ул. Кул Гали", "ул. Ершова", "ул. Вишневского", "ул. Павлюхина", "ул. Даурская",
      "ул. Галеева", "ул. Восстания", "ул. Копылова",
    ],
  },
  "Нижний Новгород": {
    cdekPrefix: "NNV",
    cdekMaxNumber: 260,
    center: [56.3269, 44.0059],
    radiusKm: 9,
    indexes: range(603000, 163),
    cdekPoints: 30,
    postOffices: 26,
    streets: [
      "ул. Большая Покровская", "ул. Рождественская", "ул. Варварская", "ул. Белинского", "ул. Максима Горького",
      "ул. Ошарская", "ул. Родионова", "ул. Ванеева", "ул. Ковалихинская", "ул. Минина", "пр-т Гагарина",
      "пр-т Ленина", "ул. Коминтерна", "Московское ш.", "ул. Бекетова", "ул. Культуры", "ул. Маршала Казакова",
      "Молодёжный пр-т", "ул. Дьяконова", "ул. Федосеенко", "Сормовское ш.", "ул. Веденяпина", "ул. Карла Маркса",
      "ул. Пискунова", "ул. Ильинская", "ул. Краснозвёздная", "ул. Невзоровых", "ул. Полтавская", "ул. Бетанкура",
      "Мещерский б-р", "Казанское ш.",
    ],
  },
  Красноярск: {
    cdekPrefix: "KRS",
    cdekMaxNumber: 240,
    center: [56.0106, 92.8526],
    radiusKm: 8,
    indexes: range(660000, 135),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "пр-т Мира", "ул. Карла Маркса", "ул. Ленина", "ул. Маерчака", "ул. Взлётная", "ул. 9 Мая",
      "ул. Партизана Железняка", "ул. Авиаторов", "ул. Молокова", "пр-т Металлургов", "Свободный пр-т",
      "ул. Академика Киренского", "ул. Копылова", "ул. Ладо Кецховели", "ул. Семафорная", "ул. Судостроительная",
      "ул. Кирова", "ул. Сурикова", "ул. Дубровинского", "ул. Урицкого", "ул. Робеспьера", "ул. Красной Армии",
      "ул. Весны", "ул. Алексеева", "ул. Шахтёров", "ул. Калинина", "ул. 78 Добровольческой Бригады",
      "пр-т им. газеты «Красноярский рабочий»", "ул. Мичурина", "ул. Новосибирская", "ул. Вавилова",
    ],
  },
  Челябинск: {
    cdekPrefix: "CHE",
    cdekMaxNumber: 240,
    center: [55.1598, 61.4025],
    radiusKm: 8,
    indexes: range(454000, 139),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "пр-т Ленина", "ул. Кирова", "ул. Свободы", "ул. Цвиллинга", "ул. Труда", "пр-т Победы", "Комсомольский пр-т",
      "ул. Братьев Кашириных", "ул. Молодогвардейцев", "ул. Салавата Юлаева", "ул. 40-летия Победы", "ул. Чичерина",
      "Свердловский пр-т", "ул. Энгельса", "ул. Бажова", "ул. Гагарина", "ул. Дзержинского", "ул. Черкасская",
      "ул. Университетская Набережная", "ул. Российская", "ул. Карла Маркса", "ул. Тимирязева", "ул. Воровского",
      "ул. Блюхера", "ул. Худякова", "ул. Ворошилова", "ул. Героев Танкограда", "ул. Артиллерийская", "ул. Энтузиастов",
    ],
  },
  Самара: {
    cdekPrefix: "SMR",
    cdekMaxNumber: 240,
    center: [53.1959, 50.1002],
    radiusKm: 9,
    indexes: range(443000, 125),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "ул. Ленинградская", "ул. Куйбышева", "ул. Фрунзе", "ул. Молодогвардейская", "ул. Галактионовская",
      "ул. Самарская", "ул. Садовая", "Московское ш.", "ул. Ново-Садовая", "ул. Гагарина", "ул. Победы",
      "ул. Стара-Загора", "ул. Ташкентская", "пр-т Кирова", "пр-т Ленина", "ул. Революционная", "ул. Чкалова",
      "ул. Авроры", "ул. Дыбенко", "ул. XXII Партсъезда", "пр-т Металлургов", "ул. Ново-Вокзальная", "ул. Солнечная",
      "ул. Полевая", "ул. Врубеля", "ул. Советской Армии", "ул. Мичурина", "ул. Льва Толстого", "ул. Красноармейская",
    ],
  },
  Уфа: {
    cdekPrefix: "UFA",
    cdekMaxNumber: 220,
    center: [54.7388, 55.9721],
    radiusKm: 9,
    indexes: range(450000, 112),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "ул. Ленина", "пр-т Октября", "ул. Карла Маркса", "ул. Коммунистическая", "ул. Пушкина", "ул. Гоголя",
      "ул. Революционная", "ул. Цюрупы", "ул. Менделеева", "ул. Комсомольская", "ул. Баязита Бикбая", "ул. Рихарда Зорге",
      "ул. Шафиева", "пр-т Салавата Юлаева", "ул. Первомайская", "ул. Мира", "ул. Бакалинская", "ул. Кирова",
      "ул. Заки Валиди", "ул. Аксакова", "ул. Айская", "ул. Мингажева", "ул. Транспортная", "ул. Кольцевая",
      "ул. Дмитрия Донского", "ул. Юрия Гагарина", "ул. Степана Кувыкина", "ул. Бессонова", "ул. 50-летия Октября",
      "ул. Энтузиастов",
    ],
  },
  "Ростов-на-Дону": {
    cdekPrefix: "RND",
    cdekMaxNumber: 260,
    center: [47.2313, 39.7233],
    radiusKm: 8,
    indexes: range(344000, 113),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "ул. Большая Садовая", "Будённовский пр-т", "Ворошиловский пр-т", "ул. Пушкинская", "пр-т Соколова",
      "Театральный пр-т", "ул. Социалистическая", "ул. Красноармейская", "ул. Станиславского", "пр-т Михаила Нагибина",
      "пр-т Стачки", "пр-т Космонавтов", "ул. Малиновского", "ул. Зорге", "ул. Текучёва", "ул. Добровольского",
      "пр-т Королёва", "ул. Евдокимова", "пр-т Шолохова", "ул. Таганрогская", "ул. Мечникова", "ул. Варфоломеева",
      "ул. Белорусская", "ул. 2-я Краснодарская", "б-р Комарова", "ул. Ленина", "ул. Филимоновская", "ул. Седова",
      "ул. Депутатская",
    ],
  },
  Краснодар: {
    cdekPrefix: "KSD",
    cdekMaxNumber: 260,
    center: [45.0355, 38.9753],
    radiusKm: 8,
    indexes: range(350000, 89),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "ул. Красная", "ул. Северная", "ул. Кубанская Набережная", "ул. Ставропольская", "ул. Московская", "ул. Уральская",
      "ул. Рашпилевская", "ул. Кирова", "ул. Гоголя", "ул. Коммунаров", "ул. Мира", "ул. Тургенева", "ул. Дзержинского",
      "ул. 40-летия Победы", "ул. Бабушкина", "ул. Старокубанская", "ул. Сормовская", "ул. Восточно-Кругликовская",
      "ул. Красных Партизан", "ул. Кореновская", "ул. Российская", "ул. Героев-Разведчиков", "ул. Митрофана Седина",
      "ул. Селезнёва", "пр-т Чекистов", "ул. Стасова", "ул. Атарбекова", "ул. Гидростроителей", "ул. Зиповская",
    ],
  },
  Омск: {
    cdekPrefix: "OMS",
    cdekMaxNumber: 200,
    center: [54.9893, 73.3682],
    radiusKm: 8,
    indexes: range(644000, 123),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "ул. Ленина", "ул. Карла Либкнехта", "пр-т Карла Маркса", "ул. Маршала Жукова", "пр-т Мира", "ул. 70 лет Октября",
      "ул. Лукашевича", "ул. Масленникова", "ул. Красный Путь", "ул. Герцена", "ул. Фрунзе", "ул. Гагарина",
      "ул. 10 лет Октября", "пр-т Комарова", "ул. Дианова", "ул. Конева", "ул. Волховстроя", "ул. 3-я Енисейская",
      "ул. Кирова", "ул. Красногвардейская", "ул. Орджоникидзе", "ул. Химиков", "ул. 22 Апреля", "Космический пр-т",
      "ул. Нефтезаводская", "б-р Архитекторов", "ул. 5-й Армии", "ул. Лермонтова", "ул. 2-я Солнечная",
    ],
  },
  Воронеж: {
    cdekPrefix: "VRN",
    cdekMaxNumber: 200,
    center: [51.672, 39.1843],
    radiusKm: 7,
    indexes: range(394000, 95),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "пр-т Революции", "ул. Плехановская", "ул. Кольцовская", "ул. Пушкинская", "ул. Фридриха Энгельса",
      "ул. Карла Маркса", "Московский пр-т", "ул. 20-летия Октября", "Ленинский пр-т", "ул. Героев Сибиряков",
      "ул. Ворошилова", "ул. Генерала Лизюкова", "ул. Хользунова", "ул. Владимира Невского", "ул. 60-й Армии",
      "ул. Кирова", "ул. Среднемосковская", "ул. Никитинская", "ул. Космонавтов", "ул. Шишкова", "ул. Беговая",
      "ул. 45-й Стрелковой Дивизии", "ул. Димитрова", "ул. Ломоносова", "ул. Моисеева", "Олимпийский б-р",
      "ул. Маршала Жукова", "ул. Минская",
    ],
  },
  Пермь: {
    cdekPrefix: "PRM",
    cdekMaxNumber: 200,
    center: [58.0105, 56.2294],
    radiusKm: 8,
    indexes: range(614000, 113),
    cdekPoints: 30,
    postOffices: 25,
    streets: [
      "ул. Ленина", "Комсомольский пр-т", "ул. Сибирская", "ул. Петропавловская", "ул. Куйбышева", "ул. Екатерининская",
      "ул. Пушкина", "ул. Революции", "ул. Мира", "ул. Стахановская", "ул. Уральская", "ул. Крупской", "ул. Попова",
      "ул. Газеты «Звезда»", "ул. Луначарского", "ул. Пермская", "ул. Героев Хасана", "ул. Космонавта Леонова",
      "ш. Космонавтов", "ул. Маршала Рыбалко", "ул. Васильева", "ул. Подлесная", "ул. Лодыгина", "ул. Островского",
      "ул. Советской Армии", "ул. Юрша", "ул. Карпинского", "ул. Восстания",
    ],
  },
  Волгоград: {
    cdekPrefix: "VLG",
    cdekMaxNumber: 200,
    center: [48.708, 44.5133],
    radiusKm: 10,
    indexes: range(400000, 138),
    cdekPoints: 28,
    postOffices: 24,
    streets: [
      "пр-т Ленина", "ул. Мира", "ул. Советская", "ул. Комсомольская", "ул. Рабоче-Крестьянская", "ул. Кирова",
      "Университетский пр-т", "ул. Землячки", "ул. Ангарская", "б-р 30-летия Победы", "ул. Хиросимы", "ул. Канунникова",
      "ул. Пушкина", "ул. 7-й Гвардейской", "ул. Краснознаменская", "ул. Маршала Ерёменко", "ул. Богунская",
      "пр-т Героев Сталинграда", "ул. Тулака", "ул. Ополченская", "ул. Историческая", "ул. Козловская", "ул. Чуйкова",
      "ул. Донецкая", "ул. 64-й Армии", "ул. Академическая",
    ],
  },
  Тюмень: {
    cdekPrefix: "TMN",
    cdekMaxNumber: 160,
    center: [57.153, 65.5343],
    radiusKm: 6,
    indexes: range(625000, 63),
    cdekPoints: 24,
    postOffices: 22,
    streets: [
      "ул. Республики", "ул. Ленина", "ул. Герцена", "ул. Мельникайте", "ул. Широтная", "ул. 50 лет ВЛКСМ",
      "ул. Пермякова", "ул. Федюнинского", "ул. Холодильная", "ул. Московский тракт", "ул. Харьковская", "ул. Дружбы",
      "ул. Запольная", "ул. Малыгина", "ул. Профсоюзная", "ул. Водопроводная", "ул. Первомайская", "ул. Котельщиков",
      "ул. Ямская", "ул. 30 лет Победы", "ул. Максима Горького",
    ],
  },
  Саратов: {
    cdekPrefix: "SRT",
    cdekMaxNumber: 160,
    center: [51.5331, 46.0342],
    radiusKm: 7,
    indexes: range(410000, 80),
    cdekPoints: 24,
    postOffices: 22,
    streets: [
      "ул. Московская", "пр-т Кирова", "ул. Волжская", "ул. Чернышевского", "ул. Радищева", "ул. Рахова",
      "ул. Большая Казачья", "ул. Астраханская", "ул. Советская", "ул. Навашина", "ул. Тархова", "ул. Орджоникидзе",
      "пр-т 50 лет Октября", "ул. Посадского", "ул. Большая Горная", "ул. Огородная", "ул. Международная",
      "ул. Усть-Курдюмская", "ул. Блинова", "ул. Танкистов", "ул. Соколовая",
    ],
  },
  Тольятти: {
    cdekPrefix: "TLT",
    cdekMaxNumber: 140,
    center: [53.5078, 49.4204],
    radiusKm: 7,
    indexes: range(445000, 57),
    cdekPoints: 22,
    postOffices: 20,
    streets: [
      "Автозаводское ш.", "ул. Юбилейная", "ул. 70 лет Октября", "ул. Революционная", "Ленинский пр-т", "ул. Свердлова",
      "пр-т Степана Разина", "ул. Ворошилова", "ул. Карла Маркса", "ул. Ленинградская", "ул. Фрунзе", "ул. Дзержинского",
      "Московский пр-т", "ул. Победы", "ул. Автостроителей", "Приморский б-р", "ул. Голосова", "ул. Мира",
    ],
  },
};

const CDEK_HOURS: [string, number][] = [
  ["Пн-Пт 10:00-20:00, Сб-Вс 10:00-18:00", 5],
  ["Пн-Вс 09:00-21:00", 2],
  ["Пн-Сб 10:00-21:00, Вс 10:00-18:00", 2],
  ["Пн-Пт 09:00-20:00, Сб 10:00-17:00, Вс выходной", 1],
  ["Пн-Вс 10:00-22:00", 1],
  ["Пн-Пт 11:00-20:00, Сб-Вс 11:00-17:00", 1],
];

const POST_HOURS: [string, number][] = [
  ["Пн-Пт 08:00-20:00, Сб 09:00-18:00, Вс выходной", 5],
  ["Пн-Пт 08:00-20:00, Сб-Вс 09:00-18:00", 2],
  ["Пн выходной, Вт-Пт 08:00-20:00, Сб 09:00-18:00, Вс выходной", 2],
  ["Пн-Пт 09:00-19:00 (перерыв 13:00-14:00), Сб 09:00-16:00, Вс выходной", 1],
  ["Пн-Вс 08:00-22:00", 1],
];

/** mulberry32: small, fast, good enough for test data. */
function seededRandom(seedText: string): () => number {
  let seed = [...seedText].reduce((hash, char) => Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0, 2166136261);
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted(random: () => number, items: [string, number][]): string {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of items) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return items[0]![0];
}

/** Every street once (in a shuffled order), then streets at random: no main street is left without a point. */
function streetSequence(random: () => number, streets: readonly string[]): (position: number) => string {
  const shuffled = [...streets];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return (position) => (position < shuffled.length ? shuffled[position]! : pick(random, streets));
}

/** A house as addresses write it: 7, 7А, 7, корп. 2 (and стр. in Moscow). */
function house(random: () => number, city: PickupPointCity): { number: string; extra: string } {
  const number = String(1 + Math.floor(random() ** 1.6 * 140));
  const roll = random();
  if (roll < 0.1) return { number: number + pick(random, ["А", "Б", "В"]), extra: "" };
  if (roll < 0.2) return { number, extra: `, корп. ${1 + Math.floor(random() * 3)}` };
  if (city === "Москва" && roll < 0.3) return { number, extra: `, стр. ${1 + Math.floor(random() * 4)}` };
  return { number, extra: "" };
}

/** The street's name without its type: "ул. Тверская" → "Тверская", "Ленинский пр-т" → "Ленинский". */
function streetCore(street: string): string {
  return street.replace(/^(ул\.|пр-т|б-р|ш\.)\s+/, "").replace(/\s+(ул\.|пр-т|б-р|ш\.)$/, "");
}

function coordinates(random: () => number, plan: CityPlan): { latitude: number; longitude: number } {
  const distanceKm = plan.radiusKm * Math.sqrt(random());
  const angle = random() * 2 * Math.PI;
  const [lat, lon] = plan.center;
  const latitude = lat + (distanceKm * Math.sin(angle)) / 111.1;
  const longitude = lon + (distanceKm * Math.cos(angle)) / (111.1 * Math.cos((lat * Math.PI) / 180));
  return { latitude: Number(latitude.toFixed(6)), longitude: Number(longitude.toFixed(6)) };
}

interface BundledPoint {
  code: string;
  name: string;
  city: string;
  address: string;
  postalCode: string;
  workHours: string;
  latitude: number;
  longitude: number;
}

function cityPoints(city: PickupPointCity): { cdek: BundledPoint[]; post: BundledPoint[] } {
  const plan = PLANS[city];
  if (plan.streets.length < 15) throw new Error(`${city}: too few streets`);

  const cdekRandom = seededRandom(`cdek:${city}`);
  const cdekIndexes = plan.indexes(cdekRandom, Math.min(plan.cdekPoints, 40));
  const numbers = distinct(plan.cdekPoints, () => String(1 + Math.floor(cdekRandom() * plan.cdekMaxNumber)));
  const cdekAddresses = new Set<string>();
  const cdekStreets = streetSequence(cdekRandom, plan.streets);
  const cdek = numbers.map((number, position) => {
    let address: string;
    let name: string;
    let attempt = 0;
    do {
      const street = attempt++ === 0 ? cdekStreets(position) : pick(cdekRandom, plan.streets);
      const { number: houseNumber, extra } = house(cdekRandom, city);
      address = `${street}, ${houseNumber}${extra}`;
      name = `${streetCore(street)}, ${houseNumber}`;
    } while (cdekAddresses.has(address));
    cdekAddresses.add(address);
    return {
      code: `${plan.cdekPrefix}${number}`,
      name,
      city,
      address,
      postalCode: pick(cdekRandom, cdekIndexes),
      workHours: weighted(cdekRandom, CDEK_HOURS),
      ...coordinates(cdekRandom, plan),
    };
  });

  const postRandom = seededRandom(`post:${city}`);
  const postAddresses = new Set<string>();
  const postStreets = streetSequence(postRandom, plan.streets);
  const post = plan.indexes(postRandom, plan.postOffices).map((index, position) => {
    let address: string;
    let attempt = 0;
    do {
      const street = attempt++ === 0 ? postStreets(position) : pick(postRandom, plan.streets);
      const { number: houseNumber, extra } = house(postRandom, city);
      address = `${street}, д. ${houseNumber}${extra}`;
    } while (postAddresses.has(address));
    postAddresses.add(address);
    return {
      code: index,
      name: `Отделение Почты России ${index}`,
      city,
      address,
      postalCode: index,
      workHours: weighted(postRandom, POST_HOURS),
      ...coordinates(postRandom, plan),
    };
  });

  const byCode = (a: BundledPoint, b: BundledPoint) => a.code.localeCompare(b.code, "en", { numeric: true });
  return { cdek: cdek.sort(byCode), post: post.sort(byCode) };
}

const cdek: BundledPoint[] = [];
const post: BundledPoint[] = [];
for (const city of PICKUP_POINT_CITIES) {
  const points = cityPoints(city);
  cdek.push(...points.cdek);
  post.push(...points.post);
}

const outDir = path.resolve(import.meta.dirname, "../../src/server/adapters/pickup-points/data");
mkdirSync(outDir, { recursive: true });
// One point per line: readable diffs, small files.
const write = (name: string, points: BundledPoint[]) =>
  writeFileSync(path.join(outDir, name), `[\n${points.map((point) => JSON.stringify(point)).join(",\n")}\n]\n`);
write("cdek-points.json", cdek);
write("russian-post-offices.json", post);
console.log(`CDEK points: ${cdek.length}, Russian Post offices: ${post.length}, cities: ${PICKUP_POINT_CITIES.length}`);
