using System.Net;
using Grpc.Core;

namespace Coworker.Tests.Grpc;

/// <summary>Who asks, in relation to the scenario's tenant and its agent "bot".</summary>
public enum Caller
{
    Anonymous,
    OtherTenantOwner,
    OtherTenantAgent,
    Viewer,
    Member,
    Owner,
    Agent,
}

/// <summary>An operation both APIs offer.</summary>
public enum Operation
{
    ListTools,
    GetAgent,
    StopAgent,
    QueryAudit,
    TenantUsage,
    CallTool,
    CreateAgentKey,
    ListAgentKeys,
    RevokeAgentKey,
    StartImport,
    GetImport,
}

/// <summary>
/// One table of cross-tenant and role cases that drives both REST and gRPC, so the two answer alike: another tenant's
/// ids are not found (never forbidden), a role below the endpoint's is forbidden, tools are the agent's alone to call.
/// </summary>
public static class CrossTenantAndRoleCases
{
    public static readonly (Caller Caller, Operation Operation, HttpStatusCode RestStatus, StatusCode GrpcStatus)[] All =
    [
        (Caller.Anonymous, Operation.ListTools, HttpStatusCode.Unauthorized, StatusCode.Unauthenticated),
        (Caller.OtherTenantOwner, Operation.ListTools, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.OtherTenantOwner, Operation.GetAgent, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.OtherTenantOwner, Operation.StopAgent, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.OtherTenantOwner, Operation.QueryAudit, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.OtherTenantOwner, Operation.TenantUsage, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.OtherTenantAgent, Operation.CallTool, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Viewer, Operation.ListTools, HttpStatusCode.OK, StatusCode.OK),
        (Caller.Viewer, Operation.GetAgent, HttpStatusCode.OK, StatusCode.OK),
        (Caller.Viewer, Operation.StopAgent, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Viewer, Operation.QueryAudit, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Member, Operation.TenantUsage, HttpStatusCode.OK, StatusCode.OK),
        (Caller.Member, Operation.QueryAudit, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Member, Operation.CallTool, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Owner, Operation.QueryAudit, HttpStatusCode.OK, StatusCode.OK),
        (Caller.Owner, Operation.CallTool, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Agent, Operation.ListTools, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Agent, Operation.QueryAudit, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Agent, Operation.CallTool, HttpStatusCode.OK, StatusCode.OK),
        (Caller.OtherTenantOwner, Operation.CreateAgentKey, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.OtherTenantOwner, Operation.ListAgentKeys, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.Viewer, Operation.ListAgentKeys, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Member, Operation.ListAgentKeys, HttpStatusCode.OK, StatusCode.OK),
        (Caller.Member, Operation.CreateAgentKey, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Member, Operation.RevokeAgentKey, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Agent, Operation.CreateAgentKey, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.OtherTenantOwner, Operation.StartImport, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.OtherTenantOwner, Operation.GetImport, HttpStatusCode.NotFound, StatusCode.NotFound),
        (Caller.Viewer, Operation.StartImport, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
        (Caller.Agent, Operation.GetImport, HttpStatusCode.Forbidden, StatusCode.PermissionDenied),
    ];
}
