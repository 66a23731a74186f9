using System.Diagnostics;
using Coworker.Catalog.Import;
using Microsoft.OpenApi.Reader;

// One measurement per process, so peak memory belongs to that measurement alone:
//   Coworker.Bench.Import <file> parse|import
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Coworker.Bench.Import <description-file> parse|import");
    return 2;
}

var bytes = await File.ReadAllBytesAsync(args[0]);
var clock = Stopwatch.StartNew();
int count;
if (args[1] == "parse")
{
    // The floor: only reading the document into Microsoft.OpenApi's model, no tools made.
    var settings = new OpenApiReaderSettings();
    settings.AddYamlReader();
    using var stream = new MemoryStream(bytes);
    var result = await Microsoft.OpenApi.OpenApiDocument.LoadAsync(stream, settings: settings);
    count = result.Document?.Paths.Sum(p => p.Value.Operations?.Count ?? 0) ?? 0;
}
else
{
    var api = ApiDescriptionImporter.Import(bytes, new ImportOptions("bench"));
    count = api.Tools.Count;
}

clock.Stop();
using var self = Process.GetCurrentProcess();
Console.WriteLine($"{args[1]}\t{count}\t{clock.Elapsed.TotalSeconds:F2}\t{self.PeakWorkingSet64 / (1024.0 * 1024):F0}\t{GC.GetTotalAllocatedBytes() / (1024.0 * 1024):F0}");
return 0;
