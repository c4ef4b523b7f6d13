"""English words of abuse in reader comments (used by :mod:`outposts.comments.abuse`).

Terms are written in plain spelling, separated by white space, the words of a
multi-word term joined by "_" ("camel_jockey*"); the matcher folds both them and the text
(case, leetspeak, letters spaced out, letters repeated), so "b u l l s h i t",
"id1ot" and "fuuuck" meet "bullshit", "idiot" and "fuck". A term ending in
``*`` matches any word it starts ("idiot*": "idiots", "idiotic"); otherwise a
plural "s"/"es" is allowed. Multi-word terms match word by word.

Tiers (see the matcher for how context changes them):

* ``SLURS`` and ``CODE_WORDS``: abusive wherever they are used (not
  when reported or quoted);
* ``INSULT_NOUNS``: nouns that only ever name a person with contempt:
  abusive when used, unless negated, reported or said of oneself;
* ``TARGET_NOUNS``: nouns that insult only when pinned on someone
  (predicate, vocative, epithet beside a name, an equation, an exclamation):
  "Putin is a liar", "Terrorists.", "Donald punk", but not "the terrorists
  attacked", "a terrorist group";
* ``INSULT_ADJECTIVES``: adjectives that insult a person they are said of
  ("those who admire him are brain dead"), not a thing ("a stupid war",
  "it would be stupid");
* ``PRAISE``: adjectives whose denial insults a person ("neither you nor
  Putin seem too clever");
* ``PROFANITY``: abusive only when aimed at someone ("fuck Bibi", "you
  fucking snake"), not at no one ("this whole thing sucks", "bullshit").
"""

import re

from .words import STOPWORDS

SLURS = """
    zionazi* zog kike* goyim shabbos_goy khazar* hasbara* hasbarat*
    sand_nigger* nigger* nigga* raghead* towelhead* camel_jockey* muzzie* muzzy mudslime* muzzlum* muzrat*
    sand_monkey* goatfucker* goat_fucker* ukrop* khokhol* katsap* vatnik* rashist* orcs ruski* rusky ruskie*
    russkie* amerikan* amerikkk* kameltoe libtard* retard* faggot* fag tranny trannies gyppo* gypo*
    vermin subhuman* untermensch cockroaches zhid* yid yids slant* chink* gook* wetback* paki pakis
    hadji* haji* jihadi_john* islamofascist* islamonazi* israhell* palestinazi* pallywood
    """
# Antisemitic and other conspiracy code, and slurs on a faith.
CODE_WORDS = """
    jew_world_order synagogue_of_satan jewish_lobby jewish_media jewish_bankers jewish_control globalist_cabal
    globalist_jews zio zios rothschild* sainted_paedophile sainted_pedophile paedophile_prophet pedophile_prophet
    religion_of_pieces death_cult false_religion ziocorporate*
    """
# A group named as a collective agent of a plot ("attacked by the jews", "the jews control").
GROUP_AS_AGENT = re.compile(
    r"\b(?:by|from) the jews\b|\bthe jews (?:control|own|run|rule|want|are behind|did)\b", re.IGNORECASE)

INSULT_NOUNS = """
    idiot* idiocra* moron* imbecil* cretin* scumbag* scum dimwit* dim_wit* dull_witted* dullwitted* halfwit* half_wit* nitwit* nit_wit*
    dullard* chump* jackass* arsehole* asshole* bootlick* sheeple lapdog* lap_dog* running_dog* useful_idiot*
    shill* paid_troll* nut_job* nutjob* nutcase* dipshit* shithead* shit_for_brains dumbass* douchebag*
    numpty* plonker* tosser* wanker* twat* whore* slut* bitch* bastard* coward* knobhead* pillock*
    degenerate* scumbucket* shitbrain* dickhead* cuck cucks
    """
TARGET_NOUNS = """
    liar* fool clown* loser* troll* sheep monster* animals pig rat snake* dog puppet* punk* thug*
    terrorist* killer* murderer* butcher* psychopath* psycho psychos lunatic* maniac* racist* nazi* fascist*
    traitor* savage* parasite* peddler* propagandist* hypocrite* criminal* war_criminal* scoundrel* crook*
    lackey* stooge* poodle* worm* filth degenerate* retards imbecile* zealot* fanatic* bigot* fat_boy*
    """
INSULT_ADJECTIVES = """
    stupid* dumb* crazy nuts insane delusional brain_dead braindead brainwashed psycho moronic idiotic
    retarded clueless pathetic spineless gutless cowardly bloodthirsty blood_thirsty demented deranged
    senile dense ignorant unhinged vile despicable
    """
PRAISE = "clever smart bright intelligent sane wise honest"
PROFANITY = """
    fuck* fck* fuk* fucken screw shit* crap* damn* piss* wtf bullshit* arse freaking frigging
    """

# -- context --------------------------------------------------------------------
# The words of the matcher's small grammar, by part.
SECOND_PERSON = "you ya u ye yourself yourselves ypu yuo yiu thou"
SECOND_POSSESSIVE = "your yer ur"
FIRST_PERSON = "i me myself i'm im i've ive i'd"
PRONOUNS = "he she they him her them these those this guy man woman people"
THING_PRONOUNS = "it this that what which there here everything something nothing"
# Person nouns: someone an insult adjective can be said of.
PERSON_NOUNS = """
    man men woman women guy guys people person persons folks writer writers author authors journalist
    journalists reporter reporters commenter commenters poster posters president leader leaders politician
    politicians followers supporters fans lovers admirers apologists crowd bunch lot gang boy boys girl girls
    kid kids dude dudes idiots everyone anyone someone somebody anybody whoever
    """
# Copulas and verbs of becoming: "X is/seems/became/turned into Y".
COPULAS = """
    is are was were be been being am 's 're seem seems seemed look looks looked sound sounds
    become becomes became getting going gone turned turning = isnt arent
    """
NEGATIONS = "not n't no never neither nor hardly isnt arent wasnt werent dont doesnt didnt nothing"
# Filler inside a noun phrase before the head: "a complete and utter liar".
NP_FILLER = """
    a an the all such such a total complete utter absolute real bloody fucking fucken freaking little big
    fat old stupid and so too very just really truly bunch of pack of of lying damn damned pathetic
    proper certified bona fide
    """
# Capitalised words that are no name when they open a sentence ("The", "This").
NOT_NAMES = STOPWORDS
# Plural endings a plain term may take ("liar" -> "liars").
PLURAL_ENDINGS = "s es"
# The ending of a negated auxiliary ("isn't").
NEGATION_SUFFIX = "n't"
FIRST_PLURAL = "we"
# Words before a noun phrase that let free modifiers in ("a good lapdog").
DETERMINERS = "a an the such"
# Words between a subject and its copula ("people are also ...", "they would be ...").
SUBJECT_SKIP = """
    also just really clearly obviously simply all both still truly now always definitely certainly
    would could will might must has have had
    """
# Relative pronouns: the subject is the noun before them ("Palestinians that are ...").
RELATIVES = "that which who"
# Subjects that are no one ("it would be stupid", "what is crazy", "there are idiots").
IMPERSONAL = "it what there"
# Endings of plural nouns of people ("supporters", "Zionists", "Russians").
PERSON_ENDINGS = "ers ists ians ans ites is ese"
# What a curse aimed at the one addressed ends in ("go fuck yourself", "fuck off").
ADDRESSEE = "yourself yourselves off"
# Object pronouns of people ("kick them", "fuck him").
OBJECT_PRONOUNS = "him her them those these em 'em everyone anyone all"
# Curses that take an object ("fuck Bibi", "screw Boris").
CURSES = "fuck fck fuk damn screw"
# Verbs of becoming with their preposition ("turned into a racist", "acts like a thug").
BECOMING = "changed turned become became act acting acts like"
BECOMING_PREPOSITIONS = "into as"
# Degree words before a praise word ("not too clever").
DEGREE = "too to very so that particularly"
# Words that deny both of a pair ("neither you nor Putin").
NEITHER = "neither nor"
# Titles that make a vocative: "Ms Fake news peddler, what is your point?"
TITLES = "mr ms mrs miss sir madam mister dear hey oi"
# Nouns of things: an insult word that heads one of these, or is said of one, is no insult
# ("a terrorist group", "a stupid war", "a snake oil").
THING_NOUNS = """
    war wars idea ideas plan plans move decision policy question luck mistake deal show strategy thing
    things article argument excuse law rule game propaganda claim claims farm farms account accounts
    group groups organisation organization organisations organizations attack attacks state states
    regime regimes network cell cells act acts acts attack attacks threat threats camp camps activity
    activities attacks warship ship tank statement comment comments post video story headline
    movement movements designation list lists label labels oil pit hole thing situation
    """
# Words that report or mention a term rather than use it ("he called me an idiot").
REPORTING = """
    call called calls calling named naming label labelled labeled labelling labeling brand branded
    dismiss dismissed accuse accused accusing insult insulted said says say saying wrote writes tweeted
    posted shout shouted yell yelled scream screamed chant chanted slur word term words phrase report
    reported flag flagged claim claims claimed position view belief charter told tells think thinks
    thought believe believes consider considers considered refer referred describe described
    """

# -- threats and wishes of harm ----------------------------------------------------
HARM_VERBS = """
    kill kick punch beat hit shoot stab hang lynch nuke bomb gas burn strangle slap smash murder execute
    behead butcher exterminate annihilate destroy wipe eradicate torture skin castrate rape throttle
    deck batter slaughter obliterate erase flatten raze level
    """
# Participles of harm wished on someone ("should be shot"): DEATH ones on anyone, a named
# person or people included; HARM ones only on a pronoun or a person noun ("you must be
# destroyed", not "the regime must be destroyed").
DEATH_PARTICIPLES = """
    killed shot hanged hung lynched nuked gassed burned burnt executed beheaded tortured castrated raped
    slaughtered cut_off strung_up put_down shot_dead put_against_a_wall exterminated annihilated
    wiped_off_the_map removed_from_the_earth
    """
HARM_PARTICIPLES = """
    bombed destroyed wiped_out eradicated obliterated erased flattened razed beaten beaten_up locked_up
    """
# First person with a future or conditional ("I'll", "we will", "I'm going to", "I would"),
# or a call to violence ("you must", "we should"): a harm verb after it aimed at someone threatens.
VIOLENT_MODAL = re.compile(
    r"\b(?:i|we)(?:'ll| will| shall|'d| would| am going to|'m going to|'m gonna| am gonna| are going to"
    r"|'re going to|'re gonna| are gonna| gonna| want to| wanna)\b"
    r"|\b(?:you|we) (?:must|should|need to|have to|ought to)\b", re.IGNORECASE)
# A wish of harm: "should be shot", "deserve to die", "must be destroyed", "I hope ... bombs".
HARM_WISH = re.compile(
    r"\b(?:should|must|ought to|deserves? to|needs? to|have to|has to)(?: all| just| really| simply| be| get"
    r"| have \w+(?: \w+)?| \w+ly){0,3} (?:be |get |have )?", re.IGNORECASE)
WISHING = re.compile(r"\b(?:i|we) (?:\w+ly )?(?:hope|wish|pray)\b", re.IGNORECASE)
DIE_WISH = re.compile(r"\b(?:deserves? to|should|must|hope (?:you|they|he|she)|go and|go) (?:all )?die\b"
                      r"|\b(?:kill|nuke|gas|exterminate|wipe out|bomb) (?:them|you|those \w+|these \w+) all\b"
                      r"|\bkilled all of (?:you|ya|them)\b", re.IGNORECASE)
STOP_WORDS_BEFORE_HARM = "stop stops stopped not never no quit end ending prevent"

# -- harassment of other commenters -------------------------------------------------
HARASSMENT = re.compile(
    r"\bparrot school\b|\b(?:needs?|get) (?:a )?better dealer\b|\b(?:lsd|meds|drugs|pills) (?:is |are )?too strong\b"
    r"|\btake your (?:meds|pills)\b|\bgo back to (?:your (?:basement|cave|mom|mother|school)|school|kindergarten"
    r"|sleep under)\b|\bshut (?:up|your (?:mouth|trap))\b|\bstfu\b|\blives? in idiocracy\b"
    r"|\b(?:you|u) (?:are|r|'re) (?:nothing|worthless|garbage|trash|a joke|a disgrace|beneath)\b"
    r"|\bcrawl back\b|\bnobody (?:asked|cares what) (?:you|u)\b",
    re.IGNORECASE)
# Orders that harass only as orders ("Get lost, troll", "just get a life"), not inside a
# clause ("lest a dime get lost"): ORDER_LEAD is what may come just before one.
ORDER = re.compile(r"\bget (?:a life|lost|a brain|help)\b", re.IGNORECASE)
ORDER_LEAD = re.compile(r"(?:^|[.!?,;:\n]|\b(?:you|just|now))\s*$", re.IGNORECASE)
# A mixed-case word written with "SS" for the Nazi SS ("ruSSians", "iSSrael").
SS_CAPITALS = re.compile(r"\b[A-Za-z]*[a-z]SS[a-z]+\b|\b[A-Z]?[a-z]+SS\b")
# Common keyboard slips for "you" that the folding maps back.
YOU_TYPOS = {"ypu": "you", "yuo": "you", "yiu": "you", "yoi": "you", "u": "you", "ya": "you"}
