namespace Coworker.Embeddings;

/// <summary>
/// What a caller wants done, independent of wording: "show me my meetings" and GET /events both mean
/// <see cref="List"/>. The offline embedder adds these as features of their own.
/// </summary>
public static class Intent
{
    public const string List = "list";
    public const string Get = "get";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Send = "send";
    public const string Search = "search";
    public const string Download = "download";
    public const string Upload = "upload";
    public const string Watch = "watch";
    public const string Share = "share";
    public const string Copy = "copy";
    public const string Move = "move";
    public const string Count = "count";
    public const string Login = "login";

    /// <summary>Every intent, in the order of their reserved vector slots (append only: order is part of the vectors).</summary>
    public static IReadOnlyList<string> All { get; } =
        [List, Get, Create, Update, Delete, Send, Search, Download, Upload, Watch, Share, Copy, Move, Count, Login];

    private static readonly Dictionary<string, int> Slots = All.Select((intent, i) => (intent, i)).ToDictionary(p => p.intent, p => p.i);

    public static int? SlotOf(string intent) => Slots.TryGetValue(intent, out var slot) ? slot : null;
}
