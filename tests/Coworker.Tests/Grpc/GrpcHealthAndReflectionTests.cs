using Coworker.Tests.Infrastructure;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Coworker.Tests.Grpc;

[Collection(GatewayCollection.Name)]
public sealed class GrpcHealthAndReflectionTests(GatewayFixture gateway)
{
    [Fact]
    public async Task HealthAnswersServingWithoutACredential()
    {
        using var anonymous = new GrpcClients(gateway, key: null);

        var health = await new Health.HealthClient(anonymous.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task ReflectionListsTheCoworkerServicesSoGrpcurlCanUseThem()
    {
        using var anonymous = new GrpcClients(gateway, key: null);
        using var call = new ServerReflection.ServerReflectionClient(anonymous.Channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("coworker.v1.ToolService", services);
        Assert.Contains("coworker.v1.ToolCallService", services);
        Assert.Contains("coworker.v1.AgentService", services);
        Assert.Contains("coworker.v1.AuditService", services);
        Assert.Contains("coworker.v1.UsageService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
