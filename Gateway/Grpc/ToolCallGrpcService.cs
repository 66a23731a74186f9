using Coworker.Gateway.Apis;
using Coworker.Grpc.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Coworker.Gateway.GrpcServices;

/// <summary>
/// coworker.v1.ToolCallService: the governed call of <see cref="GovernedToolCall"/>, as REST makes it; refusals become
/// statuses through <see cref="GrpcErrors"/>.
/// </summary>
internal sealed class ToolCallGrpcService(IClusterClient cluster) : ToolCallService.ToolCallServiceBase
{
    public override async Task<CallToolResponse> CallTool(CallToolRequest request, ServerCallContext context)
    {
        GovernedToolCall.RequireAgent(context.GetHttpContext().User, request.Tenant, request.Agent);
        var arguments = request.Arguments is { } value ? JsonFormatter.Default.Format(value) : "{}";
        // The invoker takes no token: a cancelled or expired call stops waiting here, and the pipeline (audit, usage)
        // still completes on the silo as it would for a REST client that hung up.
        var result = await GovernedToolCall.InvokeAsync(cluster, request.Tenant, request.Agent, request.Tool, arguments)
            .WaitAsync(context.CancellationToken);
        if (GovernedToolCall.Refusal(result) is { } refusal)
        {
            throw GrpcErrors.From(refusal);
        }

        var response = new CallToolResponse { IsError = result.IsError, Outcome = result.Outcome, Text = result.Text, LatencyMs = result.LatencyMs };
        if (result.UpstreamStatus is { } status)
        {
            response.UpstreamStatus = status;
        }

        if (result.StructuredJson is { } structured)
        {
            response.StructuredContent = Value.Parser.ParseJson(structured);
        }

        return response;
    }
}
