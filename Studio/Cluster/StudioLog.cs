namespace Coworker.Studio.Cluster;

/// <summary>Source-generated log messages of the Studio's pages.</summary>
public static partial class StudioLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Studio could not load {What} from the cluster")]
    public static partial void ClusterReadFailed(this ILogger logger, string what, Exception exception);
}
