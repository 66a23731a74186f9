namespace Coworker.Catalog.Import;

/// <summary>The formats the importer reads; <see cref="DescriptionFormats.Name"/> gives the ImportedApi.Format text.</summary>
internal enum DescriptionFormat
{
    OpenApi30,
    OpenApi31,
    Swagger20,
    Postman21,
}
