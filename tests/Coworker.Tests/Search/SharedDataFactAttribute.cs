using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Search;

/// <summary>A fact that needs ../shared (the API descriptions and seed tools); skipped with a reason where it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (TestEnvironment.SharedDirectory is null)
        {
            Skip = "../shared (API descriptions and seed tools) is not next to this checkout; search quality needs it.";
        }
    }
}
