using Coworker.Catalog;
using Coworker.Common;

namespace Coworker.Silo;

/// <summary>
/// Incoming grain call filter on the agent's tool path, deny by default: a governed tool call or tool listing
/// (<see cref="IToolInvokerGrain.InvokeAsync"/>, <see cref="IToolInvokerGrain.ListToolsAsync"/>) runs only when
/// the caller stamped in RequestContext by the Gateway is exactly the agent the call is made for. The stamp is
/// not trusted to grant anything: the agent grain then decides permission and quota from its own state.
/// </summary>
internal sealed class ToolCallCallerFilter : IIncomingGrainCallFilter
{
    private static readonly System.Reflection.MethodInfo InvokeMethod = typeof(IToolInvokerGrain).GetMethod(nameof(IToolInvokerGrain.InvokeAsync))!;
    private static readonly System.Reflection.MethodInfo ListMethod = typeof(IToolInvokerGrain).GetMethod(nameof(IToolInvokerGrain.ListToolsAsync))!;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod == InvokeMethod || context.InterfaceMethod == ListMethod)
        {
            var tenant = context.Request.GetArgument(0) as string;
            var agent = context.Request.GetArgument(1) as string;
            if (tenant is null || agent is null || CallerContext.CurrentActor != $"agent:{tenant}/{agent}")
            {
                throw CoworkerException.Forbidden("Tool calls and tool lists must be made by the agent they are made for.");
            }
        }

        return context.Invoke();
    }
}
