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
}
