/**
 * How people type in a chat channel, as data: the words that carry no topic there, and the
 * shorthand that stands for ordinary words. Lowercase; matched on whole words, case ignored.
 */

/** Greetings, thanks, acknowledgements, laughter and chat acronyms: never a topic, always dropped. */
export const CHAT_ONLY = new Set(
  `hi hii hiii hiya hey heyy heya hello helo hellooo howdy yo yoo sup wassup whassup gm gn
  thanks thank thx thnx thanx thankyou ty tysm tyvm pls plz plss pleas pleeease please kindly cheers
  ok okay okey okie kk yep yup yeah yea ya nope nah alright aight gotcha
  lol lool lolol lmao lmfao rofl haha hahaha hahah heh hehe xd kek omg omfg wtf wth tf smh fr frfr ngl
  tbh imo imho idk idc iirc afaik btw fyi jk bruh bro bros dude dudes fam yall hmm hm hmmm huh
  um umm uh uhh er erm ah ahh oh ooh wow welp stfu gtfo ffs af asap
  brb nvm nvmd bye byee cya ttyl soz srsly istg deadass lowkey highkey ugh ughh oi oy qq eh`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that are chat in a chat ("ur a useless bot", "good question") but can be a story's topic:
 * dropped only when no article uses them, so they never count as missing. Also the words asking for
 * the story as it stands or as it began ("latest", "originally"), which ranking reads from the
 * question itself (ranking.ts); hedges ("supposedly", "apparently"), which doubt what is asked
 * rather than name it; and the forms of "get" the stop-word list lacks ("getting banned").
 */
export const CHAT_UNLESS_IN_CORPUS = new Set(
  `idiot idiots stupid dumb dumbass moron morons useless trash garbage clown loser losers lame pathetic
  worthless sucks suck crap hell heck damn dammit bloody freaking frickin fricking
  bot robot storydesk chatbot question questions quick wondering wonder curious pretty good bad cool nice
  great awesome interesting fine sure anyway anyways actually basically literally seriously honestly
  really totally real whatever like mean guess guy guys vs versus
  mess stuff thing things situation saga drama fiasco shitshow whole altogether overall
  confused confusing appreciate appreciated sorry worries perfect insane crazy wild nuts unreal helpful best sense mind mate
  goat goated legend
  wait hold yes ta
  article articles besides
  latest currently nowadays originally initially eventually finally
  supposedly apparently allegedly reportedly seemingly
  normally usually typically generally ordinarily commonly exactly precisely roughly approximately
  getting gotten`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * What a user asks of the bot itself ("what can you do", "who made you", "help"): a message made
 * only of these, stop words and chat words is small talk.
 */
export const ABOUT_THE_BOT = new Set(
  `help helps helping bot robot storydesk command commands work works working use using used usage made
  make makes create created creator built build builds purpose job point feature features ask asking
  answer answers question questions name called able info information hello hi explain know person human
  real ai alive robot machine program gpt chatgpt llm sentient smart clever test testing ping`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that open a chat message before its question: "wait", "honestly", "real quick", "yo". */
const OPENERS = [
  "wait|hold on|hang on|actually|seriously|srsly|honestly|genuinely|legit|like|so|ok|okay|ok so|ok but|okay so|alright|right|well|also|and|but|anyway|anyways|btw|ngl|tbh|lowkey|hmm+|um+|uh+|oh|ah",
  "question|quick question|real quick|quick q|q",
  "hi|hii|hey|heyy|hello|yo|yoo|sup|bro|bruh|dude|fam|guys|y'?all|lol|lmao|omg|idk|stupid bot|dumb bot|bot",
].join("|");

/** How a question starts, as typed: a question word or an auxiliary verb, in full or in chat spelling. */
const QUESTION_OPENERS =
  "ur|you|youre|u|who|whom|whose|whos|what|whats|wat|wut|when|whens|wen|where|wheres|why|which|how|hows|is|isnt|are|r|arent|was|wasnt|were|do|does|doesnt|did|didnt|will|wont|would|can|cant|could|has|hasnt|have|had|should|any|anyone|anybody|tell|list|give|show|name|names";

/**
 * Request frames around the real question ("can you tell me", "i want to know"): dropped as a
 * whole, since their verbs ("tell", "know", "explain") would otherwise be searched.
 */
export const REQUEST_FRAMES: ReadonlyArray<RegExp | readonly [RegExp, string]> = [
  // "wait who is...", "honestly how many...", "question: did they...", "yo can you list...": words
  // that open a message before its question are chat, even where an article uses them ("wait").
  [
    new RegExp(
      `(?:^|(?<=[.!?]\\s*))\\s*(?:(?:${OPENERS})\\s*[,:;.!-]*\\s+)+(?=(?:${QUESTION_OPENERS})\\b)`,
      "giu",
    ),
    " ",
  ],
  // "what the hell is", "who tf's", "when exactly": the words after a question word that only stress it.
  [
    /\b(who|what|when|where|why|which|how|wat|wut)\s+(?:the\s+(?:hell|heck|fuck|fck|frick|fudge)|tf|on earth|exactly|precisely)\b(['’]s)?/gi,
    "$1$2",
  ],
  // "on mexican soil": in Mexico.
  [/\bon (\p{L}+) soil\b/giu, "in $1"],
  // "thanks in advance", "tia": thanks, not a topic.
  /\b(?:thanks|thank you|thx|ty)\s+in\s+advance\b|(?<!\b(?:a|an|the)\s+)\btia\s*[.!?]*\s*$/gi,
  // "... asking for a friend", "... just curious", "... if anyone knows": tails that ask nothing more.
  /[,.!?\s-]*\b(?:(?:just )?asking for a friend|just curious|just wondering|(?:if|in case) (?:you|u|anyone|any1|anybody|someone|somebody) knows?|if that makes sense|fr fr|just (?:trying to (?:understand|figure (?:it|this|that) out)|asking))\s*[.!?]*\s*$/gi,
  // "wtf is X", "tf are they": what is X (the swearing is dropped, its question word kept).
  [
    /(?:^|(?<=[.!?,]\s*))\s*tf\s+(?=(?:is|are|was|were|does|do|did|happened)\b)|\b(?:wtf|wth)\s+(?=(?:is|are|was|were|does|do|did|happened)\b)/gi,
    "what",
  ],
  // "what's the deal with X": what about X.
  [
    /\bwhat(?:'s|s| is) (?:the )?(?:deal|story|situation|tea|scoop|sitch|lowdown) (?:with|w\/|on|about)(?=\s|$)/gi,
    "what about",
  ],
  // "what happened with X", "whats going on w/ X": what about X.
  [
    /\bwhat(?:'s|s| is| has| had)? (?:happened|happening|happens|going on|up) (?:with|w\/|to|at|in|on)(?=\s|$)/gi,
    "what about",
  ],
  /\b(?:can|could|would|will) (?:you|u) (?:pls |please |plz )?(?:tell|explain to|show|give) (?:me|us)\b/gi,
  /\b(?:can|could|would|will) (?:you|u) (?:pls |please |plz )?(?=(?:list|name|summari[sz]e|find|explain|describe)\b)/gi,
  /\b(?:pls |please |plz )?(?:tell|explain to|show|give) (?:me|us)(?: about)?\b/gi,
  /\b(?:do|does|did) (?:you|u|anyone|any1|anybody|somebody|someone) (?:even )?know\b/gi,
  /\b(?:i|we) (?:want|wanna|need|would like|d like) to know\b|\b(?:i|we) wanna know\b/gi,
  // Asking for someone else: "my mum wants to know:", "my friend asked".
  /\b(?:my|our) (?:[\p{L}'-]+ ){1,2}(?:wants|wanted|would like|needs) to know\b:?|\b(?:my|our) (?:[\p{L}'-]+ ){1,2}(?:asked|asks|is asking)(?: me)?\b:/giu,
  /^\s*(?:anyone|any1|anybody|somebody|someone) knows?\b/gi,
  /\b(?:i|we) (?:wanna|want to|need to) (?:understand|find out)\b/gi,
  /\b(?:i(?:'m| am)?|we(?:'re| are)?) (?:just )?(?:wondering|curious)\b/gi,
  /\blet (?:me|us) know\b/gi,
  // "question for the bot:", "sorry if this is a dumb question but", "Q:": asked of the bot, not a topic.
  /\bquestions? for (?:the |this |u |you )?(?:bot|storydesk)\b|\bsorry if (?:this is |it'?s )?(?:a )?(?:dumb|stupid|silly) (?:question|q)\b,?(?: but)?|^\s*(?:question|q)\s*:/gi,
  /\b(?:quick|real quick|simple|serious|dumb|stupid|honest|genuine|random) (?:question|q)\b/gi,
  // A slash command typed as text ("/ask who is..."), and Discord's tone tags ("/gen", "/j", "/srs").
  /^\s*\/ask\b:?|\s\/(?:gen|genq|j|hj|s|srs|nsrs|lh|nm|pos|neg|nbh|rh|rt|t|ij|li|hyp)\s*[.!?]*\s*$/gi,
  // Hashtags after the question ("? #news", "what about the strikes #breaking"); one it asks about
  // keeps its word ("the latest on #MS13", "ranked #1", "is #MS13 designated").
  /(?<=[?!.])(?:\s*#[\p{L}\p{N}_]+)+\s*$|(?<![\s^](?:about|on|of|the|a|an|for|with|in|at|to|by|from|ranked|is|number|and|or|no)\s*)(?<=\p{L}\s*)(?:\s+#[\p{L}\p{N}_]+)+\s*$/giu,
  [/#(?=[\p{L}\p{N}])/gu, ""],
  // "bruh moment": a reaction, not a topic.
  /^\s*bruh moment\b[,.!:]*/gi,
  // "..., hurry up", "... come on!": impatience after the question, not a topic ("why the hurry" is one).
  /[,.!?\s-]*\bhurry up\s*[.!?]*\s*$|[,!?]\s*(?:hurry|come on|cmon|c'?mon)\s*[.!?]*\s*$/gi,
  // "the the": a word typed twice.
  [/\b(the|a|an|to|of|in|is|are|was|did)\s+\1\b/gi, "$1"],
  /\bany (?:idea|ideas|clue|info)\b/gi,
  /\b(?:explain|describe|summari[sz]e)\b/gi,
  /\bi mean\b/gi,
  // "hold on a sec": a moment, not a secretary.
  /\b(?:hold on|hang on|wait|give me|gimme|just|one)\s+(?:a\s+)?sec\b/gi,
  // "good morning everyone", "hey all": a greeting and whom it greets.
  // At the start of a message or a sentence, or after a greeting: "was it a good day?" asks of the day.
  /(?:^\s*|(?<=[.!?,]\s*)|(?<=^\s*(?:hi|hey|yo|hello|bro|ok|okay|so|well|omg|ffs|ugh|lol|wow|q:|question:)\s+))good (?:morning|mornin|afternoon|evening|night|day)\b(?:,?\s+(?:everyone|everybody|all|y'?all|folks|team|chat|people|ppl))?/gi,
  /^\s*(?:hi|hii|hey|heyy|hello|yo|sup|gm|morning|evening)\s+(?:everyone|everybody|all|y'?all|folks|team|chat|people|ppl)\b/gi,
  // "tldr on the designations", "a recap of the extraditions": the topic is what follows.
  /\b(?:a |the )?(?:tl;?dr|summary|summari[sz]e|recap|rundown|overview|gist)\s+(?:of|on|about|for)\s+/gi,
  // "answer this:", "answer me": the bot asked to answer, not a topic.
  /^\s*answer (?:(?:me )?(?:this|that)\b|me\b)|\banswer (?:me )?(?:this|that)\s*(?=[:?!]|$)/gi,
  // "... pls answer", "... answer me": asked of the bot, at the end ("did she answer it" asks of her).
  /[,.!?\s-]*\b(?:(?:pls|plz|please) answer(?: (?:me|pls|plz|please))?|answer (?:me|pls|plz|please))\s*[.!?]*\s*$/gi,
  /\blet(?:'s|s| us) see\b/gi,
  // "the first couple days": a few of them; "couple" alone may be a topic ("was the couple arrested").
  [/\b(?:a )?couple (?:of )?(?=(?:hours?|days?|weeks?|months?|years?|times?)\b)/gi, "few"],
  /,?\s*\bor (?:what|nah|not|no|nope|smth|something)\s*(?=[?!.]*\s*$)/gi,
];

/**
 * Phrasal verbs people type where news writes one word ("cracking down on" the cartels, "stepped
 * down", "pulled from shelves"), read as that word in the same tense where no article uses the phrase
 * and some article uses the word (see readChat). Each entry: the verb's forms (base, -s, -ing, past,
 * participle), the particle (a pattern), and the word's forms in that order, comma-separated. Left
 * out, for everyday senses of their own: "bring in" (money), "pull out of" (the rubble), "pour into"
 * (the streets), "go after" (the summit).
 */
export const PHRASAL_VERBS: ReadonlyArray<readonly [string, string, string]> = [
  ["crack cracks cracking cracked cracked", "down on", "fight,fights,fighting,fought,fought"],
  ["clamp clamps clamping clamped clamped", "down on", "fight,fights,fighting,fought,fought"],
  ["step steps stepping stepped stepped", "down", "resign,resigns,resigning,resigned,resigned"],
  ["roll rolls rolling rolled rolled", "into", "enter,enters,entering,entered,entered"],
  [
    "pull pulls pulling pulled pulled",
    "(?:from|off) (?:the )?shel(?:f|ves)",
    "recall,recalls,recalling,recalled,recalled",
  ],
  [
    "look looks looking looked looked",
    "into",
    "investigate,investigates,investigating,investigated,investigated",
  ],
  ["shut shuts shutting shut shut", "down", "close,closes,closing,closed,closed"],
  ["shut shuts shutting shut shut", "for good", "close,closes,closing,closed,closed"],
  ["pump pumps pumping pumped pumped", "into", "invest in,invests in,investing in,invested in,invested in"],
  [
    "sign signs signing signed signed",
    "off(?: on)?",
    "authorize,authorizes,authorizing,authorized,authorized",
  ],
];

/**
 * Units typed short, spelled out only beside a number or after "how many": alone, "mb" is "my bad",
 * "tb" tuberculosis and "gb" Great Britain.
 */
export const UNIT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  kb: "kilobytes",
  mb: "megabytes",
  gb: "gigabytes",
  tb: "terabytes",
  kg: "kilograms",
  kgs: "kilograms",
  lbs: "pounds",
};

/**
 * Shorthand, text-speak, contractions typed without their apostrophe, and the commonest misspellings
 * of function words, as the words they stand for. Only forms that are not themselves words a
 * question would use (so not "its", "ill", "were", "id").
 */
export const REWRITES: Readonly<Record<string, string>> = {
  // text-speak
  u: "you",
  ur: "your",
  urs: "yours",
  r: "are",
  y: "why",
  n: "and",
  b4: "before",
  thru: "through",
  tho: "though",
  cuz: "because",
  coz: "because",
  cos: "because",
  bc: "because",
  bcuz: "because",
  bcoz: "because",
  becuz: "because",
  ppl: "people",
  peeps: "people",
  govt: "government",
  gov: "government",
  gvt: "government",
  admin: "administration",
  prez: "president",
  pres: "president",
  dept: "department",
  rep: "representative",
  reps: "representatives",
  mgmt: "management",
  uni: "university",
  approx: "approximately",
  esp: "especially",
  hrs: "hours",
  wks: "weeks",
  mins: "minutes",
  secs: "seconds",
  ops: "operations",
  org: "organization",
  orgs: "organizations",
  q1: "first quarter",
  q2: "second quarter",
  q3: "third quarter",
  q4: "fourth quarter",
  yoy: "year on year",
  intl: "international",
  natl: "national",
  yr: "year",
  pts: "points",
  sec: "secretary",
  compo: "compensation",
  mgr: "manager",
  yrs: "years",
  rn: "now",
  atm: "now",
  smth: "something",
  sth: "something",
  sb: "somebody",
  abt: "about",
  bout: "about",
  abot: "about",
  abut: "about",
  wat: "what",
  nite: "night",
  tonite: "tonight",
  wut: "what",
  wht: "what",
  waht: "what",
  whta: "what",
  whut: "what",
  wen: "when",
  wehn: "when",
  whn: "when",
  wher: "where",
  whr: "where",
  hw: "how",
  wich: "which",
  whcih: "which",
  wiht: "with",
  teh: "the",
  hte: "the",
  da: "the",
  dat: "that",
  dis: "this",
  dem: "them",
  sey: "say",
  sayed: "said",
  sed: "said",
  rly: "really",
  rlly: "really",
  prolly: "probably",
  probs: "probably",
  info: "information",
  convo: "conversation",
  gonna: "going to",
  wanna: "want to",
  gotta: "have to",
  dunno: "do not know",
  lemme: "let me",
  gimme: "give me",
  kinda: "kind of",
  sorta: "sort of",
  // contractions typed without the apostrophe
  whats: "what is",
  whos: "who is",
  wheres: "where is",
  whens: "when is",
  hows: "how is",
  whys: "why is",
  thats: "that is",
  theres: "there is",
  dont: "do not",
  doesnt: "does not",
  didnt: "did not",
  isnt: "is not",
  arent: "are not",
  wasnt: "was not",
  werent: "were not",
  wont: "will not",
  cant: "cannot",
  couldnt: "could not",
  shouldnt: "should not",
  wouldnt: "would not",
  havent: "have not",
  hasnt: "has not",
  hadnt: "had not",
  aint: "is not",
  // "im so confused": "am" names nothing, and is no stop word ("9 am").
  im: "i",
  ive: "i have",
  youre: "you are",
  youve: "you have",
  theyre: "they are",
  theyve: "they have",
  weve: "we have",
  shes: "she is",
  hes: "he is",
  // contractions whose letters alone spell another word ("ill", "well", "shed"): with the apostrophe only
  "where'd": "where did",
  "how'd": "how did",
  "what'd": "what did",
  "i'll": "i will",
  "you'll": "you will",
  "we'll": "we will",
  "they'll": "they will",
  "he'll": "he will",
  "she'll": "she will",
  "it'll": "it will",
  "i'd": "i would",
  "you'd": "you would",
  "we'd": "we would",
  "they'd": "they would",
  "he'd": "he would",
  "she'd": "she would",
  "should've": "should have",
  "would've": "would have",
  "could've": "could have",
  "might've": "might have",
  "must've": "must have",
};
