using Coworker.Grpc.V1;
using Coworker.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Coworker.Tests.Grpc;

/// <summary>
/// gRPC channels to the Gateway fixture's real gRPC port (HTTP/2 with prior knowledge), carrying a key as REST
/// clients do: "Authorization: Bearer ...".
/// </summary>
public sealed class GrpcClients(GatewayFixture gateway, string? key) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(gateway.GrpcAddress, new GrpcChannelOptions
    {
        HttpClient = WithKey(gateway.GrpcAddress, key),
        DisposeHttpClient = true,
    });

    public GrpcChannel Channel => _channel;

    public ToolService.ToolServiceClient Tools => new(_channel);

    public ToolCallService.ToolCallServiceClient ToolCalls => new(_channel);

    public AgentService.AgentServiceClient Agents => new(_channel);

    public AuditService.AuditServiceClient Audit => new(_channel);

    public UsageService.UsageServiceClient Usage => new(_channel);

    public ImportService.ImportServiceClient Imports => new(_channel);

    public void Dispose() => _channel.Dispose();

    private static HttpClient WithKey(Uri address, string? key)
    {
        var client = new HttpClient { BaseAddress = address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>The call's failure, asserting its status code; its google.rpc.Status carries the details.</summary>
    public static async Task<Google.Rpc.Status> AssertFailsAsync(StatusCode code, Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, failure.StatusCode);
        var status = failure.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)code, status.Code);
        Assert.Equal("coworker", status.GetDetail<ErrorInfo>()?.Domain);
        return status;
    }
}
