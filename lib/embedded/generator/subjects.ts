import "server-only";

import type { Subject } from "./app-spec";

// What the generator knows about common subjects, so a page about recipes
// lists recipes. Anything else gets content built from the builder's own
// noun (see customSubject). Pure data and lookups.

export type Item = { title: string; text: string; category: string; details: string[]; price: string };
export type MenuGroup = { name: string; dishes: { name: string; text: string; price: string }[] };

type Entry = {
  key: string;
  words: RegExp;
  singular: string;
  plural: string;
  topic: string;
  // Compact rows: "title | text | category | detail; detail | price".
  items: string[];
  roles: [string, string, string];
  faq: [string, string][];
  menu?: MenuGroup[];
};

const dishes = (rows: string[]) =>
  rows.map((row) => {
    const [name, text, price] = row.split(" | ");
    return { name: name!, text: text!, price: price! };
  });

const CAFE_MENU: MenuGroup[] = [
  { name: "Coffee", dishes: dishes(["Flat white | Double espresso, silky milk | $4.20", "Cappuccino | Espresso, foam and cocoa | $4.00", "Cold brew | Steeped for 18 hours | $4.80"]) },
  { name: "Breakfast", dishes: dishes(["Avocado toast | Sourdough, chilli, lime | $9.50", "Granola bowl | Yoghurt, berries, honey | $8.00", "Egg muffin | Free-range egg, cheddar | $6.50"]) },
  { name: "Sweets", dishes: dishes(["Cinnamon bun | Baked this morning | $3.80", "Banana bread | With salted butter | $3.50", "Lemon tart | Sharp and buttery | $4.50"]) },
];

const ENTRIES: Entry[] = [
  {
    key: "recipes",
    words: /\b(?:recipes?|cook(?:ing|book)?|kitchen|meals?|dishes)\b/i,
    singular: "recipe",
    plural: "recipes",
    topic: "home cooking",
    items: [
      "Creamy Tomato Pasta | A weeknight pasta with a rich, silky tomato sauce. | Dinner | 25 min; Serves 4 | Easy",
      "Lemon Herb Chicken | Roast chicken with garlic, thyme and lemon. | Dinner | 1 hr 10 min; Serves 6 | Medium",
      "Fluffy Buttermilk Pancakes | Tall, tender pancakes for a slow weekend. | Breakfast | 20 min; Serves 4 | Easy",
      "Spiced Lentil Soup | Warming red lentils with cumin and coriander. | Lunch | 40 min; Serves 6 | Easy",
      "Chocolate Olive Oil Cake | A moist one-bowl cake with dark chocolate. | Dessert | 50 min; Serves 8 | Medium",
      "Garden Vegetable Frittata | Eggs, greens and whatever the garden gives. | Lunch | 30 min; Serves 4 | Easy",
    ],
    roles: ["Head cook", "Recipe tester", "Food photographer"],
    faq: [
      ["Can I share my own recipe?", "Yes. Send it through the contact form and we’ll test it in our kitchen."],
      ["Are the recipes tested?", "Every recipe is cooked at least twice before it goes on the site."],
    ],
  },
  {
    key: "bakery",
    words: /\b(?:bakery|bakes?|bakers?|bread|pastr(?:y|ies)|cakes?|patisserie)\b/i,
    singular: "bake",
    plural: "bakes",
    topic: "fresh baking",
    items: [
      "Country Sourdough | A slow-fermented loaf with a crackling crust. | Bread | Baked daily; Vegan | $7.50",
      "Butter Croissant | Flaky layers made with cultured butter. | Pastry | Fresh at 7am | $3.20",
      "Cinnamon Knot | Soft dough twisted with cinnamon sugar. | Pastry | Best seller | $3.80",
      "Seeded Rye | Dense, nutty rye packed with seeds. | Bread | Keeps 5 days; Vegan | $6.80",
      "Lemon Drizzle Cake | A tangy loaf cake with a crisp glaze. | Cakes | Serves 8 | $18.00",
      "Chocolate Babka | Swirls of dark chocolate in a buttery loaf. | Cakes | Weekends only | $14.00",
    ],
    roles: ["Head baker", "Pastry chef", "Shop manager"],
    faq: [
      ["Do you take orders for cakes?", "Yes, with three days’ notice. Use the contact form to tell us what you need."],
      ["Is anything gluten-free?", "We bake a gluten-free loaf every Friday, in a separate batch."],
    ],
    menu: [
      { name: "Bread", dishes: dishes(["Country sourdough | Slow-fermented, crackling crust | $7.50", "Seeded rye | Dense and nutty | $6.80", "Baguette | Baked three times a day | $3.50"]) },
      { name: "Pastries", dishes: dishes(["Butter croissant | Cultured butter, 27 layers | $3.20", "Pain au chocolat | Two bars of dark chocolate | $3.60", "Cinnamon knot | Our best seller | $3.80"]) },
      { name: "Drinks", dishes: dishes(["Filter coffee | Roasted down the road | $3.00", "Hot chocolate | Made with real chocolate | $3.80", "Fresh orange juice | Squeezed to order | $4.00"]) },
    ],
  },
  {
    key: "cafe",
    words: /\b(?:caf[eé]s?|coffee(?: shop)?|espresso|tea ?room|brunch)\b/i,
    singular: "drink",
    plural: "drinks",
    topic: "good coffee",
    items: [
      "Flat White | Double espresso with silky steamed milk. | Coffee | Hot; Oat milk available | $4.20",
      "Cold Brew | Steeped for 18 hours, smooth and bright. | Coffee | Iced | $4.80",
      "Matcha Latte | Stone-ground matcha whisked with milk. | Tea | Hot or iced | $4.60",
      "Chai | Our own spice blend, brewed with milk. | Tea | Hot | $4.00",
      "Hot Chocolate | Real dark chocolate melted into milk. | Other | Hot; Kids love it | $3.80",
      "Fresh Lemonade | Squeezed lemons, a little mint. | Other | Iced | $3.90",
    ],
    roles: ["Head barista", "Kitchen lead", "Owner"],
    faq: [
      ["Do you have plant milks?", "Oat, almond and soy, at no extra cost."],
      ["Can I work from the café?", "Of course. There’s free wifi and plenty of sockets by the window."],
    ],
    menu: CAFE_MENU,
  },
  {
    key: "restaurant",
    words: /\b(?:restaurants?|bistro|diner|trattoria|pizzeria|eatery|dining)\b/i,
    singular: "dish",
    plural: "dishes",
    topic: "seasonal food",
    items: [
      "Burrata & Peaches | Creamy burrata, grilled peaches, basil. | Starters | Vegetarian | $14",
      "Wood-fired Margherita | Tomato, fior di latte, basil. | Mains | Vegetarian | $16",
      "Slow-cooked Lamb | Seven-hour lamb shoulder with salsa verde. | Mains | Sharing | $29",
      "Charred Broccoli | Chilli, garlic and toasted almonds. | Sides | Vegan | $8",
      "Tiramisu | Made to our family recipe. | Desserts | Vegetarian | $9",
      "Lemon Sorbet | Sharp, cold and refreshing. | Desserts | Vegan | $7",
    ],
    roles: ["Head chef", "Restaurant manager", "Sommelier"],
    faq: [
      ["Do you take reservations?", "Yes, for groups of up to ten. Send us a message with the date and time."],
      ["Can you cater for allergies?", "Tell your server and the kitchen will adapt most dishes."],
    ],
    menu: [
      { name: "Starters", dishes: dishes(["Burrata & peaches | Grilled peaches, basil | $14", "Crispy calamari | Lemon and aioli | $12", "Soup of the day | With sourdough | $8"]) },
      { name: "Mains", dishes: dishes(["Wood-fired margherita | Tomato, fior di latte | $16", "Slow-cooked lamb | Salsa verde | $29", "Wild mushroom risotto | Parmesan, thyme | $21"]) },
      { name: "Desserts", dishes: dishes(["Tiramisu | Family recipe | $9", "Lemon sorbet | Vegan | $7", "Affogato | Vanilla gelato, espresso | $8"]) },
    ],
  },
  {
    key: "products",
    words: /\b(?:shop|store|products?|boutique|merch(?:andise)?|e-?commerce|goods)\b/i,
    singular: "product",
    plural: "products",
    topic: "well-made things",
    items: [
      "Canvas Tote Bag | Heavy cotton canvas that carries everything. | Bags | In stock; Free returns | $28",
      "Ceramic Mug | Hand-glazed stoneware, 350 ml. | Home | In stock | $22",
      "Linen Throw | Stonewashed linen in warm sand. | Home | Low stock | $85",
      "Leather Card Holder | Slim, stitched by hand. | Accessories | In stock | $35",
      "Scented Candle | Cedar and fig, burns 40 hours. | Home | New | $26",
      "Wool Beanie | Soft merino in five colours. | Accessories | In stock | $30",
    ],
    roles: ["Founder", "Product designer", "Customer care"],
    faq: [
      ["How long does delivery take?", "Orders leave within two working days and usually arrive in three to five."],
      ["Can I return something?", "Yes, within 30 days, as long as it’s unused."],
    ],
  },
  {
    key: "classes",
    words: /\b(?:yoga|pilates|gym|fitness|classes|class|workouts?|studio|dance|martial arts|crossfit)\b/i,
    singular: "class",
    plural: "classes",
    topic: "moving well",
    items: [
      "Morning Flow | A gentle sequence to wake up body and mind. | Yoga | 7:00 am; 60 min | Beginner",
      "Power Vinyasa | A strong, sweaty flow for building heat. | Yoga | 6:00 pm; 75 min | Intermediate",
      "Core & Stretch | Slow strength work for a steady centre. | Strength | 12:30 pm; 45 min | All levels",
      "HIIT Express | Short bursts, big results. | Cardio | 5:30 pm; 30 min | Intermediate",
      "Restorative Evening | Props, long holds and deep rest. | Yoga | 8:00 pm; 60 min | Beginner",
      "Mobility Lab | Joint-friendly drills for better movement. | Strength | 9:00 am; 45 min | All levels",
    ],
    roles: ["Lead teacher", "Strength coach", "Studio manager"],
    faq: [
      ["I’m a beginner. Which class should I try?", "Start with Morning Flow or Restorative Evening: both are slow and friendly."],
      ["Do I need my own mat?", "No, we have mats and props for everyone."],
    ],
  },
  {
    key: "listings",
    words: /\b(?:real estate|realtor|estate agents?|listings?|propert(?:y|ies)|homes? for sale|houses?|apartments?|rentals?)\b/i,
    singular: "listing",
    plural: "listings",
    topic: "finding a home",
    items: [
      "Sunny Two-Bedroom Flat | Bright corner flat close to the park. | For sale | 2 bed; 1 bath | $420,000",
      "Family Home with Garden | Four bedrooms and a long south-facing garden. | For sale | 4 bed; 2 bath | $685,000",
      "Riverside Studio | Compact and modern, with river views. | For rent | 1 bed; 1 bath | $1,450/mo",
      "Converted Loft | Exposed brick, high ceilings, lots of light. | For rent | 2 bed; 2 bath | $2,300/mo",
      "Victorian Terrace | Period features, newly renovated kitchen. | For sale | 3 bed; 2 bath | $540,000",
      "Garden Cottage | A quiet cottage on the edge of town. | For rent | 2 bed; 1 bath | $1,750/mo",
    ],
    roles: ["Lead agent", "Lettings manager", "Valuer"],
    faq: [
      ["Can I book a viewing?", "Yes. Send us a message with the listing and a couple of times that suit you."],
      ["Do you value homes?", "We offer free valuations, usually within the week."],
    ],
  },
  {
    key: "events",
    words: /\b(?:events?|conferences?|meetups?|festivals?|concerts?|workshops?|gigs?)\b/i,
    singular: "event",
    plural: "events",
    topic: "getting together",
    items: [
      "Spring Community Meetup | An evening of talks, snacks and new friends. | Meetup | 14 Mar; Town Hall | Free",
      "Hands-on Pottery Workshop | Make your own bowl in two hours. | Workshop | 22 Mar; The Studio | $45",
      "Open-air Jazz Night | Local bands under the stars. | Music | 5 Apr; Riverside Park | $15",
      "Startup Breakfast | Coffee and five-minute pitches. | Meetup | 12 Apr; Café Central | Free",
      "Summer Food Festival | Forty stalls, one long weekend. | Festival | 20 Jun; Market Square | $10",
      "Photography Walk | Learn to see the city differently. | Workshop | 28 Jun; Old Bridge | $20",
    ],
    roles: ["Event lead", "Community manager", "Volunteer coordinator"],
    faq: [
      ["How do I get tickets?", "Sign up below and we’ll send your ticket by email."],
      ["Can I bring a friend?", "Of course: most events are open to everyone."],
    ],
  },
  {
    key: "books",
    words: /\b(?:books?(?!\s+(?:a|an|your|now|online|in|today|appointments?|tables?|classes?)\b)|bookshop|bookstore|library|reading|novels?|book club)\b/i,
    singular: "book",
    plural: "books",
    topic: "good reading",
    items: [
      "The Quiet Orchard | A family saga across three summers. | Fiction | 320 pages; 4.6 ★ | $16",
      "Small Habits, Big Days | Practical ideas for calmer routines. | Non-fiction | 240 pages; 4.4 ★ | $18",
      "Stars Over Lisbon | A spy story set in 1942. | Thriller | 410 pages; 4.7 ★ | $15",
      "The Bread Book | Everything about baking at home. | Cookery | 280 pages; 4.8 ★ | $24",
      "Northern Lights Notebook | Poems from a winter in the north. | Poetry | 96 pages; 4.5 ★ | $12",
      "Tiny Planets | A picture book about curious worlds. | Children | 32 pages; 4.9 ★ | $11",
    ],
    roles: ["Head bookseller", "Children’s buyer", "Events host"],
    faq: [
      ["Can you order a book for me?", "Yes, most books arrive within three days."],
      ["Do you run a book club?", "We meet on the first Thursday of every month."],
    ],
  },
  {
    key: "courses",
    words: /\b(?:courses?|lessons?|school|tutoring|academy|training|curriculum|learning)\b/i,
    singular: "course",
    plural: "courses",
    topic: "learning something new",
    items: [
      "Spanish for Beginners | Speak with confidence in eight weeks. | Languages | 8 weeks; Online | $120",
      "Intro to Watercolour | Washes, layers and loose florals. | Art | 6 weeks; In person | $150",
      "Everyday Maths | Clear, calm help with numbers. | Maths | 10 weeks; Online | $90",
      "Creative Writing | Short stories from first line to finish. | Writing | 6 weeks; Online | $110",
      "Guitar Basics | Chords, strumming and your first songs. | Music | 8 weeks; In person | $140",
      "Public Speaking | Find your voice in front of a room. | Skills | 4 weeks; In person | $95",
    ],
    roles: ["Head teacher", "Course designer", "Student support"],
    faq: [
      ["Do I get a certificate?", "Yes, every course ends with a certificate of completion."],
      ["What if I miss a lesson?", "Lessons are recorded, so you can catch up any time."],
    ],
  },
  {
    key: "plants",
    words: /\b(?:plants?|garden(?:ing)?|flowers?|florist|nursery|succulents?)\b/i,
    singular: "plant",
    plural: "plants",
    topic: "growing things",
    items: [
      "Monstera Deliciosa | Big split leaves and easy-going. | Indoor | Bright light; Water weekly | $38",
      "Snake Plant | Thrives on neglect. | Indoor | Low light; Water monthly | $24",
      "Lavender | Fragrant and loved by bees. | Outdoor | Full sun; Drought tolerant | $12",
      "Fiddle Leaf Fig | A statement tree for a bright room. | Indoor | Bright light; Water weekly | $55",
      "Olive Tree | A little Mediterranean on your patio. | Outdoor | Full sun; Water fortnightly | $70",
      "String of Pearls | A trailing succulent for shelves. | Succulents | Bright light; Water sparingly | $18",
    ],
    roles: ["Head gardener", "Plant doctor", "Shop lead"],
    faq: [
      ["Do you deliver plants?", "Yes, wrapped and watered, within 20 miles."],
      ["My plant looks unhappy. Can you help?", "Send us a photo and our plant doctor will reply."],
    ],
  },
  {
    key: "pets",
    words: /\b(?:pets?|dogs?|cats?|puppies|kittens|adopt(?:ion)?|animal (?:shelter|rescue)|vets?|grooming)\b/i,
    singular: "pet",
    plural: "pets",
    topic: "happy animals",
    items: [
      "Biscuit | A cheerful beagle who loves long walks. | Dogs | 3 years; Good with kids | Adopt",
      "Luna | A calm grey cat who likes a sunny window. | Cats | 5 years; Indoor | Adopt",
      "Pepper | A playful terrier with endless energy. | Dogs | 1 year; Needs a garden | Adopt",
      "Miso | A shy kitten who warms up quickly. | Cats | 4 months; Good with cats | Adopt",
      "Hazel | A gentle old labrador. | Dogs | 9 years; Easy-going | Adopt",
      "Clover | A curious rabbit who loves carrots. | Small pets | 2 years; Pairs well | Adopt",
    ],
    roles: ["Shelter manager", "Vet nurse", "Adoption coordinator"],
    faq: [
      ["How does adoption work?", "Meet the animal, fill in a short form, and we’ll arrange a home visit."],
      ["Can I volunteer?", "Yes, we always need dog walkers and cat cuddlers."],
    ],
  },
  {
    key: "trips",
    words: /\b(?:travel|trips?|tours?|holidays?|vacations?|destinations?|hik(?:e|es|ing)|trails?|adventures?)\b/i,
    singular: "trip",
    plural: "trips",
    topic: "exploring",
    items: [
      "Coastal Path Weekend | Cliffs, coves and fresh seafood. | Walking | 2 days; Easy | $240",
      "Alpine Lakes Trek | Five days among glaciers and meadows. | Hiking | 5 days; Hard | $890",
      "City Food Tour | Twelve tastings in one afternoon. | Food | 4 hours; Easy | $75",
      "Island Kayak Escape | Paddle between quiet islands. | Water | 3 days; Medium | $520",
      "Desert Stars Camp | Sleep under the clearest skies. | Camping | 2 nights; Easy | $310",
      "Forest Cabin Retreat | Log fires and long walks. | Walking | 4 days; Easy | $460",
    ],
    roles: ["Lead guide", "Trip planner", "Travel support"],
    faq: [
      ["What’s included in the price?", "Guides, stays and most meals. Travel to the start is up to you."],
      ["Can I change my dates?", "Yes, free of charge up to 30 days before you go."],
    ],
  },
  {
    key: "projects",
    words: /\b(?:portfolio|photograph(?:y|er|s)|photos?|designers?|artists?|artworks?|illustrations?|case studies|my work|projects?)\b/i,
    singular: "project",
    plural: "projects",
    topic: "recent work",
    items: [
      "Harbour at Dawn | Early light over the fishing boats. | Landscape | 2024; Print available | Featured",
      "Market Faces | Portraits from the Saturday market. | Portrait | 2024; Series of 12 | New",
      "Brand Refresh for Oak & Co | A warmer identity for a furniture maker. | Branding | 2023; Client work | Case study",
      "Quiet Rooms | Interiors in soft northern light. | Interiors | 2023; Editorial | Featured",
      "Wild Coast | A season on the western cliffs. | Landscape | 2022; Book | Award",
      "Studio Still Lifes | Everyday objects, carefully lit. | Still life | 2022; Print available | New",
    ],
    roles: ["Creative director", "Designer", "Studio manager"],
    faq: [
      ["Are you available for commissions?", "Yes, from next month. Tell me about your project in the contact form."],
      ["Can I buy prints?", "Most pieces are available as signed prints."],
    ],
  },
  {
    key: "posts",
    words: /\b(?:blogs?|articles?|posts?|journal|newsletter issues|stories)\b/i,
    singular: "post",
    plural: "posts",
    topic: "ideas worth sharing",
    items: [
      "Getting Started | What I wish I’d known on day one. | Guides | 5 min read; March 2025 | New",
      "Five Lessons From a Year of Practice | Small changes that made a big difference. | Stories | 7 min read; February 2025 | Popular",
      "The Tools I Use Every Day | A short, honest list. | Guides | 4 min read; January 2025 | Popular",
      "Behind the Scenes | How a typical week really looks. | Stories | 6 min read; December 2024 | New",
      "Common Mistakes, Kindly Explained | And how to avoid them. | Tips | 8 min read; November 2024 | Classic",
      "Where to Go Next | Resources for going further. | Tips | 3 min read; October 2024 | Classic",
    ],
    roles: ["Editor", "Writer", "Illustrator"],
    faq: [
      ["How often do you post?", "A new post every other week."],
      ["Can I write a guest post?", "Yes, send your idea through the contact form."],
    ],
  },
  {
    key: "services",
    words: /\b(?:salon|spa|barbers?|hair(?:dresser)?|beauty|massage|nails|services?|plumb(?:er|ing)|cleaning|repairs?)\b/i,
    singular: "service",
    plural: "services",
    topic: "looking after you",
    items: [
      "Signature Cut | Consultation, wash, cut and style. | Hair | 45 min; All lengths | $55",
      "Colour Refresh | Gloss and tone for a brighter finish. | Hair | 90 min; Includes styling | $95",
      "Relaxing Massage | Full-body massage with warm oils. | Body | 60 min; Calming | $70",
      "Express Facial | Cleanse, exfoliate and glow. | Skin | 30 min; All skin types | $45",
      "Gel Manicure | Long-lasting colour and care. | Nails | 45 min; 2 weeks wear | $35",
      "Beard Trim | Shape, line-up and hot towel. | Grooming | 20 min; Walk-ins welcome | $20",
    ],
    roles: ["Owner", "Senior stylist", "Therapist"],
    faq: [
      ["Do I need to book ahead?", "Booking is best, but we keep a few walk-in slots each day."],
      ["What if I need to cancel?", "Let us know 24 hours before and there’s no charge."],
    ],
  },
  {
    key: "charity",
    words: /\b(?:charit(?:y|ies|able)|non-?profits?|not-for-profit|ngo|foundation|food banks?|shelters?|fundrais(?:er|ing)|community (?:group|garden|project)|relief|mutual aid)\b/i,
    singular: "programme",
    plural: "programmes",
    topic: "a kinder community",
    items: [
      "Community Meals | Hot, healthy meals served every weekday. | Food | 5 days a week; All welcome | Free",
      "Food Parcels | Weekly groceries for families who need them. | Food | Fridays; Referral not needed | Free",
      "Homework Club | Quiet space and tutors for school kids. | Education | After school; Ages 8–16 | Free",
      "Warm Spaces | A heated room, tea and company all winter. | Wellbeing | Nov–Mar; Drop in | Free",
      "Tree Planting Days | Greening the neighbourhood one street at a time. | Environment | Monthly; Tools provided | Free",
      "Advice Sessions | Help with benefits, housing and bills. | Advice | Tuesdays; Confidential | Free",
    ],
    roles: ["Director", "Volunteer coordinator", "Fundraising lead"],
    faq: [
      ["Where does my donation go?", "Ninety pence in every pound goes straight to our programmes; the rest keeps the lights on."],
      ["Can I volunteer?", "Yes. Tell us when you’re free and we’ll find a shift that suits you."],
    ],
  },
  {
    key: "clinic",
    words: /\b(?:clinics?|doctors?|dentists?|dental|medical|health ?care|physio(?:therapy)?|therapy|therapists?|surgery|gp|patients?|optician|chiropract(?:or|ic))\b/i,
    singular: "treatment",
    plural: "treatments",
    topic: "good health",
    items: [
      "General Check-up | A full check with time for your questions. | General | 30 min; All ages | $60",
      "Dental Cleaning | Gentle scale and polish by our hygienist. | Dental | 45 min; Twice a year | $85",
      "Physiotherapy Session | Hands-on treatment and a plan for home. | Physio | 45 min; Sports injuries | $70",
      "Children’s Check-up | Friendly care for growing kids. | General | 20 min; Ages 0–16 | $45",
      "Vaccinations | Travel and seasonal vaccines. | General | 15 min; Walk-ins welcome | $30",
      "Eye Test | A thorough eye exam with modern equipment. | Eyes | 30 min; Glasses fitted | $50",
    ],
    roles: ["Lead doctor", "Practice nurse", "Practice manager"],
    faq: [
      ["Are you taking new patients?", "Yes. Request an appointment and we’ll register you at your first visit."],
      ["What if I need to cancel?", "Let us know a day before so someone else can have the slot."],
    ],
  },
  {
    key: "team",
    words: /\b(?:team members?|our team|staff|people directory|employees)\b/i,
    singular: "team member",
    plural: "team members",
    topic: "the people behind the work",
    items: [
      "Amara Okafor | Keeps every project on track. | Leadership | Founder; 10 years | Lagos",
      "Jonas Weber | Designs things people enjoy using. | Design | Designer; 6 years | Berlin",
      "Priya Shah | Writes the words you read here. | Content | Writer; 4 years | London",
      "Mateo García | Makes sure customers are happy. | Support | Support lead; 5 years | Madrid",
      "Hana Sato | Turns ideas into working products. | Engineering | Engineer; 7 years | Tokyo",
      "Liam O’Brien | Finds the numbers that matter. | Operations | Analyst; 3 years | Dublin",
    ],
    roles: ["Founder", "Designer", "Support lead"],
    faq: [
      ["Are you hiring?", "We often are. Send us a note through the contact form."],
      ["Where is the team based?", "All over the world: we work remotely and meet twice a year."],
    ],
  },
];

export function findKnownSubject(text: string): Subject | null {
  let best: { entry: Entry; index: number } | null = null;
  for (const entry of ENTRIES) {
    const index = text.search(entry.words);
    if (index !== -1 && (!best || index < best.index)) best = { entry, index };
  }
  return best ? asSubject(best.entry) : null;
}

// Words that name a list of things whatever the subject ("with products").
export const ITEM_NOUNS = new RegExp(
  `\\b(?:items|products|goods|listings|homes|houses|apartments|rentals|properties|flowers|succulents|dogs|cats|puppies|kittens|animals|tours|trails|holidays|destinations|novels|workshops|concerts|meetups|meals|cakes|breads|pastries|treats|lessons|workouts|artworks|illustrations|articles|stories|treatments|${ENTRIES.map((e) => e.plural).join("|")})\\b`,
  "gi",
);

export function subjectByKey(key: string): Subject | null {
  const entry = ENTRIES.find((e) => e.key === key);
  return entry ? asSubject(entry) : null;
}

function asSubject(entry: Entry): Subject {
  return { key: entry.key, singular: entry.singular, plural: entry.plural, topic: entry.topic };
}

export function customSubject(singular: string, plural: string): Subject {
  return { key: "custom", singular, plural, topic: plural };
}

function entryFor(subject: Subject): Entry | null {
  return ENTRIES.find((e) => e.key === subject.key) ?? null;
}

function parseItem(row: string): Item {
  const [title, text, category, details, price] = row.split(" | ");
  return { title: title!, text: text!, category: category!, details: details!.split("; "), price: price! };
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// A thing the generator has no words for ("a list of kites") still gets a
// believable list, named after it.
function customItems(subject: Subject): Item[] {
  const noun = capital(subject.singular);
  const rows: [string, string, string, string][] = [
    [`Classic ${noun}`, `A well-loved ${subject.singular} that never goes out of style.`, "Favourites", "4.8 ★"],
    [`Deluxe ${noun}`, `Our most complete ${subject.singular}, with every extra.`, "Premium", "4.9 ★"],
    [`Everyday ${noun}`, `A simple, reliable ${subject.singular} for every day.`, "Favourites", "4.6 ★"],
    [`Mini ${noun}`, `A smaller ${subject.singular}, just as good.`, "New", "4.5 ★"],
    [`Limited Edition ${noun}`, `Only a few of this ${subject.singular} each season.`, "Premium", "4.7 ★"],
    [`Starter ${noun}`, `The easiest way to try your first ${subject.singular}.`, "New", "4.4 ★"],
  ];
  return rows.map(([title, text, category, rating], i) => ({ title, text, category, details: [rating, `Added ${["May", "April", "March", "February", "January", "December"][i]}`], price: `$${[24, 58, 18, 12, 75, 15][i]}` }));
}

// The items a page lists: the subject's own, minus any the builder removed,
// plus any they added by name.
export function itemsFor(subject: Subject, added: { title: string }[] = [], removed: string[] = []): Item[] {
  const entry = entryFor(subject);
  const base = entry ? entry.items.map(parseItem) : customItems(subject);
  const gone = new Set(removed.map((r) => r.toLowerCase()));
  const kept = base.filter((item) => !gone.has(item.title.toLowerCase()));
  const category = kept[0]?.category ?? base[0]!.category;
  return [
    ...kept,
    ...added.map((a) => ({ title: a.title, text: `A new ${subject.singular}, just added.`, category, details: ["New"], price: base[0]!.price })),
  ];
}

export function rolesFor(subject: Subject): [string, string, string] {
  return entryFor(subject)?.roles ?? ["Founder", `${capital(subject.singular)} specialist`, "Customer care"];
}

export function faqFor(subject: Subject): [string, string][] {
  const own = entryFor(subject)?.faq ?? [];
  return [
    ...own,
    [`How do I choose the right ${subject.singular}?`, `Use the search and filters, or ask us: we know every ${subject.singular} well.`],
    ["How can I get in touch?", "Send us a message and we’ll reply within one working day."],
  ];
}

export function menuFor(subject: Subject, items: Item[]): MenuGroup[] {
  const menu = entryFor(subject)?.menu;
  if (menu) return menu;
  // No dishes for this subject: a price list of its own items, by category.
  const groups = new Map<string, MenuGroup>();
  for (const item of items) {
    const group = groups.get(item.category) ?? { name: item.category, dishes: [] };
    group.dishes.push({ name: item.title, text: item.text, price: /\d/.test(item.price) ? item.price : "Ask us" });
    groups.set(item.category, group);
  }
  return [...groups.values()];
}
