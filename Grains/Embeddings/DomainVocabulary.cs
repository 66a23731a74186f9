namespace Coworker.Embeddings;

/// <summary>The data behind <see cref="DomainLexicon"/>: plain word lists, easy to review and extend.</summary>
internal static class DomainVocabulary
{
    /// <summary>Words that state what the caller wants done (matched on stems).</summary>
    public static readonly (string Intent, string Words)[] IntentWords =
    [
        (Intent.List, "list lists listing enumerate browse all every what which show display overview"),
        (Intent.Get, "get fetch retrieve read view look inspect detail details info information describe lookup check"),
        (Intent.Create, "create add new make insert register start setup compose write raise book schedule establish generate initiate propose place"),
        (Intent.Update, "update edit change modify rename patch set adjust alter replace tweak fix reschedule configure mark close reopen enable disable toggle archive"),
        (Intent.Delete, "delete remove erase trash drop discard cancel destroy purge wipe clear bin unsubscribe revoke kill"),
        (Intent.Send, "send deliver dispatch submit forward post transmit notify"),
        (Intent.Search, "search find query locate filter discover seek match"),
        (Intent.Download, "download export"),
        (Intent.Upload, "upload attach import"),
        (Intent.Watch, "watch subscribe follow monitor"),
        (Intent.Share, "share invite grant"),
        (Intent.Copy, "copy duplicate clone fork"),
        (Intent.Move, "move transfer relocate"),
        (Intent.Count, "count total tally"),
        (Intent.Login, "login signin authenticate logon logout signout"),
    ];

    /// <summary>Words that state an intent in a request but are nouns in API descriptions (matched as written).</summary>
    public static readonly (string Intent, string Words)[] QueryIntentWords =
    [
        (Intent.Create, "report reports reporting file raise raising log lodge open opening start starting begin"),
        (Intent.Update, "push postpone delay reschedule"),
        (Intent.Create, "save keep"),
        (Intent.List, "who whose"),
        (Intent.Get, "see seeing"),
    ];

    /// <summary>Interchangeable words, two ways; "a b > c d" is one way (a and b lead to c and d).</summary>
    public static readonly string[] Groups =
    [
        // actions
        "list enumerate browse", "get fetch retrieve obtain", "show display view", "create add new make insert",
        "delete remove erase discard destroy purge", "trash bin recycle rubbish", "update edit modify change alter patch",
        "send deliver dispatch transmit", "search find query lookup locate", "download export", "upload attach",
        "copy duplicate clone", "rename retitle", "cancel abort stop halt", "rerun retry restart rebuild",
        "publish release ship", "merge combine integrate", "pin stick", "mute snooze silence dnd", "archive shelve",
        "assign delegate allocate", "invite add", "approve accept", "reject decline deny", "lock freeze",
        "subscribe watch follow", "unsubscribe unwatch unfollow", "login signin logon authenticate",
        "logout signout logoff", "reply respond answer", "react reaction emoji", "star favorite favourite bookmark",
        "register signup enroll", "schedule book plan", "close resolve complete finish done",
        // objects
        "event meeting appointment engagement", "calendar diary agenda schedule", "message mail email note",
        "inbox mailbox", "draft unsent", "thread conversation discussion", "label tag category folder",
        "attachment enclosure", "file document doc", "folder directory", "spreadsheet sheet", "drive storage onedrive",
        "repository repo codebase project", "issue ticket bug defect incident problem", "branch",
        "commit changeset", "release version", "gist snippet paste", "fork copy",
        "user person member account people individual", "organization org company enterprise business",
        "team group squad", "collaborator contributor teammate colleague coworker", "channel room chat",
        "workflow pipeline build ci action", "job task run", "webhook hook callback", "secret credential key token password",
        "profile account identity", "contact recipient addressee", "recipient beneficiary payee",
        "transfer payment remittance", "money funds cash", "rate price exchange", "quote estimate",
        "balance funds", "currency money", "pet animal dog cat puppy kitten", "order purchase buy",
        "inventory stock", "paper article publication preprint", "filing report", "stock equity share ticker",
        "permission access acl sharing", "comment remark feedback", "revision version history",
        "reminder alert", "presence status availability", "photo picture avatar image", "greeting salutation hello hi",
"deployment deploy serving", "execution run training", "artifact dataset model",
        "task todo chore", "plan planner", "notebook onenote", "statement transaction", "alias sendas",
        "vacation autoreply ooo holiday leave", "forwarding forward", "contributor author",
        "history earlier older previous past", "collaborate cooperate", "prediction inference",
        "postpone delay reschedule", "dataset data", "typo mistake error",
    ];

    /// <summary>Weaker associations, one way: words that point at a domain without naming an object in it.</summary>
    public static readonly string[] Related =
    [
        "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday tonight weekend week month morning afternoon evening > calendar date time event",
        "free busy available availability > freebusy calendar",
        "inbox > message mail", "boss colleague coworker friend > recipient contact", "pr > pull request",
        "bug > issue", "ci build > workflow run", "abroad overseas international > transfer currency",
        "euro euros dollar dollars pound pounds gbp usd eur > currency money", "bank > account",
        "iban bic > account number validate", "arrive arrival > delivery estimate", "cost fee > quote price",
        "spreadsheet pdf > file document", "puppy kitten > pet", "shop store > store", "workspace > team",
        "coworker teammate > user member", "trending > insights", "plan > planner",
        "bring > invite add", "contribute contributed contributing > contributor", "collaborate > working people",
        "serve serving prediction inference > deployment deploy", "training trained > execution",
        "later earlier > time date", "typo mistake > update edit", "ml ai > model lm",
        // which product a request is about when it names none
        "mail email inbox mailbox > gmail outlook", "calendar meeting appointment > google outlook",
        "chat workspace > slack teams", "repo repository pull commit > github", "drive document spreadsheet > google onedrive",
        "payment transfer recipient currency > wise", "ticket incident > servicenow",
    ];

    /// <summary>Multi-word expressions: the words they stand for, and the intent they state (or null).</summary>
    public static readonly (string Phrase, string Meaning, string? Intent)[] Phrases =
    [
        ("get rid of", "delete remove", Intent.Delete), ("throw away", "delete trash", Intent.Delete),
        ("clean up", "delete", Intent.Delete), ("look up", "get find", Intent.Search), ("look for", "search find", Intent.Search),
        ("find out", "get", Intent.Get), ("set up", "create", Intent.Create), ("sign in", "login", Intent.Login),
        ("log in", "login", Intent.Login), ("sign out", "logout", Intent.Login), ("log out", "logout", Intent.Login),
        ("sign up", "register signup", Intent.Create), ("send off", "send", Intent.Send),
        ("out of office", "vacation autoreply", Intent.Update), ("auto reply", "vacation autoreply", null),
        ("thumbs up", "reaction emoji", Intent.Create), ("do not disturb", "dnd snooze", Intent.Update),
        ("pull request", "pull request", null), ("merge request", "pull request", null),
        ("code snippet", "gist", null), ("exchange rate", "rate", Intent.Get), ("how much", "amount quote", Intent.Get),
        ("how many", "count", Intent.Count), ("who is", "user member", Intent.List), ("who am i", "authenticated user profile", Intent.Get),
        ("what is", "", Intent.Get), ("am i free", "freebusy", Intent.Get), ("to do", "task", null),
        ("have left", "remaining quota limit", Intent.Get), ("space left", "quota storage", Intent.Get),
        ("older versions", "revisions", Intent.List), ("previous versions", "revisions", Intent.List),
        ("recycle bin", "trash", null), ("in the bin", "trash", Intent.Delete), ("write access", "collaborator permission", Intent.Share),
        ("work on", "assign assignee", null), ("money abroad", "transfer", Intent.Create),
        ("how much money", "balance", Intent.Get), ("machine learning", "ml model training dataset", null),
        ("propose changes", "pull request", Intent.Create), ("push back", "reschedule update", Intent.Update),
        ("work with", "working people", null),
    ];

    /// <summary>Irregular forms WordNet's exception lists would also give, for when WordNet is absent.</summary>
    public static readonly string[] IrregularForms =
    [
        "wrote write", "written write", "sent send", "got get", "gotten get", "made make", "ran run", "found find",
        "took take", "taken take", "gave give", "given give", "bought buy", "paid pay", "built build", "began begin",
        "begun begin", "chose choose", "chosen choose", "kept keep", "left leave", "lost lose", "met meet", "saw see",
        "seen see", "sold sell", "spent spend", "told tell", "thought think", "brought bring", "held hold",
        "forgot forget", "forgotten forget", "people person", "children child", "men man", "women woman",
    ];
}
