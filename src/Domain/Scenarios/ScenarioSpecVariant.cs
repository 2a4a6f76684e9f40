using YamlDotNet.RepresentationModel;

namespace Aegis.Domain.Scenarios;

/// <summary>
/// A spec's text with a new id and name and some strategy parameters replaced, everything else as written: how a
/// research trial's parameter set becomes a live scenario. The result is YAML (JSON input comes back as YAML).
/// </summary>
public static class ScenarioSpecVariant
{
    public static string With(string specText, string id, string name, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(specText);
        ArgumentNullException.ThrowIfNull(parameters);
        var stream = new YamlStream();
        stream.Load(new StringReader(specText));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ArgumentException("the spec is not a mapping of scenario fields", nameof(specText));
        }

        root.Children[new YamlScalarNode("id")] = new YamlScalarNode(id);
        root.Children[new YamlScalarNode("name")] = new YamlScalarNode(name);
        if (!root.Children.TryGetValue(new YamlScalarNode("parameters"), out var node) || node is not YamlMappingNode mapping)
        {
            root.Children[new YamlScalarNode("parameters")] = mapping = new YamlMappingNode();
        }

        foreach (var (key, value) in parameters)
        {
            mapping.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);
        }

        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
