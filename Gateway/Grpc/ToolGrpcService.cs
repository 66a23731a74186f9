using Coworker.Gateway.Apis;
using Coworker.Grpc.V1;
using Grpc.Core;

namespace Coworker.Gateway.GrpcServices;

/// <summary>coworker.v1.ToolService: the REST tools endpoints' own handlers (<see cref="ToolsApi"/>), answered as messages.</summary>
internal sealed class ToolGrpcService(IClusterClient cluster) : ToolService.ToolServiceBase
{
    public override async Task<ListToolsResponse> ListTools(ListToolsRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var page = (await ToolsApi.ListTools(user, cluster, request.Tenant, GrpcMessages.Status(request.Status), Blank(request.Source),
            Blank(request.Text), PageSize(request.PageSize), Blank(request.PageToken)).WaitAsync(context.CancellationToken)).Value!;
        return new ListToolsResponse { Tools = { page.Items.Select(tool => tool.ToMessage()) }, NextPageToken = page.Next ?? "" };
    }

    public override async Task<Tool> GetTool(GetToolRequest request, ServerCallContext context) =>
        (await ToolsApi.Tool(cluster, context.GetHttpContext().User, request.Tenant, request.Name, Coworker.Tenants.TenantRole.Viewer)
            .GetAsync().WaitAsync(context.CancellationToken)).ToMessage();

    public override async Task<SearchToolsResponse> SearchTools(SearchToolsRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        if (string.IsNullOrWhiteSpace(request.Query) || request.Query.Length > 1000)
        {
            // The REST rule would say the same without the field; here the field is known.
            throw GrpcErrors.InvalidArgument("query", "Search needs a query of 1-1000 characters.");
        }

        var hits = (await ToolsApi.SearchTools(user, cluster, request.Tenant, request.Query, request.K == 0 ? null : request.K,
            GrpcMessages.Status(request.Status)).WaitAsync(context.CancellationToken)).Value!;
        return new SearchToolsResponse { Hits = { hits.Select(hit => hit.ToMessage()) } };
    }

    internal static int? PageSize(int size) => size == 0 ? null : size;

    internal static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
