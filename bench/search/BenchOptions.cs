using System.Globalization;

namespace Coworker.Bench.Search;

internal sealed record BenchOptions(IReadOnlyList<int> Sizes, int Rounds, int RecallQueries, string ConnectionString)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var sizes = (Value("--sizes") ?? "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var rounds = int.Parse(Value("--rounds") ?? "200", CultureInfo.InvariantCulture);
        var recallQueries = int.Parse(Value("--recall-queries") ?? "40", CultureInfo.InvariantCulture);
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? "Host=127.0.0.1;Port=55432;Username=coworker;Password=coworker;Database=coworker";
        return new BenchOptions(sizes, rounds, recallQueries, connection);
    }
}
