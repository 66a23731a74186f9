using Coworker.Grpc.V1;
using Google.Protobuf.WellKnownTypes;
using AgentInfo = Coworker.Agents.AgentInfo;
using AgentStatus = Coworker.Agents.AgentStatus;
using AuditRecord = Coworker.Audit.AuditRecord;
using ToolInfo = Coworker.Catalog.ToolInfo;
using ToolStatus = Coworker.Catalog.ToolStatus;
using V1AgentStatus = Coworker.Grpc.V1.AgentStatus;
using V1ToolStatus = Coworker.Grpc.V1.ToolStatus;

namespace Coworker.Gateway.GrpcServices;

/// <summary>From the grains' records to the coworker.v1 messages (and the two enums back).</summary>
internal static class GrpcMessages
{
    public static ToolStatus? Status(V1ToolStatus status) => status switch
    {
        V1ToolStatus.Staged => ToolStatus.Staged,
        V1ToolStatus.Published => ToolStatus.Published,
        V1ToolStatus.Deprecated => ToolStatus.Deprecated,
        _ => null,
    };

    public static V1ToolStatus Status(ToolStatus status) => status switch
    {
        ToolStatus.Staged => V1ToolStatus.Staged,
        ToolStatus.Published => V1ToolStatus.Published,
        ToolStatus.Deprecated => V1ToolStatus.Deprecated,
        _ => V1ToolStatus.Unspecified,
    };

    public static V1AgentStatus Status(AgentStatus status) => status switch
    {
        AgentStatus.Created => V1AgentStatus.Created,
        AgentStatus.Active => V1AgentStatus.Active,
        AgentStatus.Stopped => V1AgentStatus.Stopped,
        AgentStatus.Suspended => V1AgentStatus.Suspended,
        AgentStatus.Terminated => V1AgentStatus.Terminated,
        _ => V1AgentStatus.Unspecified,
    };

    public static Coworker.Grpc.V1.ToolSummary ToMessage(this Coworker.Catalog.ToolSummary tool)
    {
        var message = new Coworker.Grpc.V1.ToolSummary
        {
            Name = tool.Name, Title = tool.Title, Status = Status(tool.Status), SourceId = tool.SourceId, Operation = tool.Operation,
            LatestVersion = tool.LatestVersion, ReviewFlags = tool.ReviewFlags, UpdatedAt = Timestamp.FromDateTimeOffset(tool.UpdatedAt),
        };
        if (tool.PublishedVersion is { } published)
        {
            message.PublishedVersion = published;
        }

        return message;
    }

    public static Tool ToMessage(this ToolInfo tool)
    {
        var message = new Tool
        {
            Tenant = tool.Tenant, Name = tool.Name, Status = Status(tool.Status), LatestVersion = tool.LatestVersion,
            Title = tool.Definition.Title, Description = tool.Definition.Description, InputSchema = Object(tool.Definition.InputSchema),
            StatusReason = tool.StatusReason ?? "", UpdatedAt = Timestamp.FromDateTimeOffset(tool.UpdatedAt),
        };
        if (tool.PublishedVersion is { } published)
        {
            message.PublishedVersion = published;
        }

        if (tool.Definition.OutputSchema is { } output)
        {
            message.OutputSchema = Object(output);
        }

        return message;
    }

    public static Coworker.Grpc.V1.ToolSearchHit ToMessage(this Coworker.Catalog.ToolSearchHit hit)
    {
        var message = new Coworker.Grpc.V1.ToolSearchHit { Name = hit.Name, Title = hit.Title, Description = hit.Description, Score = hit.Score };
        if (hit.VectorScore is { } vector)
        {
            message.VectorScore = vector;
        }

        if (hit.TextScore is { } text)
        {
            message.TextScore = text;
        }

        return message;
    }

    public static Coworker.Grpc.V1.AgentSummary ToMessage(this Coworker.Listings.AgentSummary agent) => new()
    {
        Id = agent.Id, Name = agent.Name, Status = Status(agent.Status), UpdatedAt = Timestamp.FromDateTimeOffset(agent.UpdatedAt),
    };

    public static Agent ToMessage(this AgentInfo agent) => new()
    {
        Tenant = agent.Tenant, Id = agent.Id, Name = agent.Config.Name, Description = agent.Config.Description,
        Roles = { agent.Config.Roles }, Status = Status(agent.Status), StatusReason = agent.StatusReason ?? "",
        CreatedAt = Timestamp.FromDateTimeOffset(agent.CreatedAt), UpdatedAt = Timestamp.FromDateTimeOffset(agent.UpdatedAt), Version = agent.Version,
    };

    public static AgentKey ToMessage(this Coworker.Agents.AgentKeyInfo key) => new()
    {
        KeyId = key.KeyId, Name = key.Name, Prefix = key.Prefix, CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt),
    };

    public static Coworker.Grpc.V1.AuditEvent ToMessage(this AuditRecord record) => new()
    {
        Id = record.Id.ToString(), Tenant = record.Tenant, Seq = record.Seq, At = Timestamp.FromDateTimeOffset(record.At),
        Kind = record.Kind, Actor = record.Actor, Target = record.Target, Outcome = record.Outcome, Detail = { record.Detail.ToDictionary() },
        PrevHash = record.PrevHash, Hash = record.Hash,
    };

    public static Coworker.Grpc.V1.CallUsage ToMessage(this Coworker.Agents.CallUsage usage) => new Coworker.Grpc.V1.CallUsage { Day = Period(usage.Day), Month = Period(usage.Month) };

    /// <summary>A JSON object (a stored schema) as a Struct; anything else as an empty one rather than a failed answer.</summary>
    private static Struct Object(string json)
    {
        try
        {
            return Struct.Parser.ParseJson(json);
        }
        catch (Google.Protobuf.InvalidJsonException)
        {
            return new Struct();
        }
    }

    private static Coworker.Grpc.V1.UsagePeriod Period(Coworker.Agents.UsagePeriod period)
    {
        var message = new Coworker.Grpc.V1.UsagePeriod
        {
            Start = Timestamp.FromDateTimeOffset(period.Start), ResetsAt = Timestamp.FromDateTimeOffset(period.ResetsAt), Calls = period.Calls,
        };
        if (period.Limit is { } limit)
        {
            message.Limit = limit;
        }

        return message;
    }
}
