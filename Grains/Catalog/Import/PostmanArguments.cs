using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// How a saved Postman value becomes an argument: a literal is an optional argument whose default is the
/// saved value; a value that still holds an unresolved {{variable}} or a "&lt;placeholder&gt;" is required.
/// </summary>
internal static class PostmanArguments
{
    public static (JsonObject Schema, bool Required) FromValue(string? saved, string? description, PostmanVariables variables, ICollection<string> flags, string where, int maxText)
    {
        var schema = new JsonObject { ["type"] = "string" };
        var required = false;
        if (!string.IsNullOrEmpty(saved))
        {
            var unresolved = new List<string>();
            var value = variables.Substitute(saved, unresolved);
            if (unresolved.Count > 0 || JsonSchemaInference.IsPlaceholder(value))
            {
                required = true;
                if (PostmanVariables.SoleVariable(value) is null && !JsonSchemaInference.IsPlaceholder(value))
                {
                    schema["description"] = $"Saved as \"{value}\".";
                }
            }
            else
            {
                schema["default"] = value;
            }
        }

        if (!string.IsNullOrWhiteSpace(description))
        {
            schema["description"] = PoisoningScreen.Clean(description, multiline: true, flags, where, maxText);
        }

        return (schema, required);
    }
}
