using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Mesh.Deploy.Tests.Helm;

/// <summary>helm/mesh/values.schema.json accepts the chart's values and the CI value sets, and refuses mistakes.</summary>
public sealed class ValuesSchemaTests
{
    static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(Chart.Directory, "values.schema.json"));

    [Theory]
    [MemberData(nameof(ChartServicesTests.ValueSets), MemberType = typeof(ChartServicesTests))]
    public void TheDefaultsAndEveryValueSetMatchTheSchema(string values)
    {
        var result = Evaluate(JsonNode.Parse(Chart.MergedValues(ChartServicesTests.Sets(values)))!);

        Assert.True(result.IsValid, Errors(result));
    }

    [Theory]
    [InlineData("services", "decoder", "replicas", "-1")]
    [InlineData("services", "decoder", "grpcPort", "70000")]
    [InlineData("gateway", "apiKeys", "keys", "{\"ci\": \"short\"}")]
    [InlineData("services", "decoder", "replicaCount", "2")]
    [InlineData("redis", "address", null, "\"no-port\"")]
    public void TheSchemaRefusesAMistake(string section, string key, string? inner, string value)
    {
        var values = JsonNode.Parse(Chart.MergedValues())!;
        var parent = values[section]![key]!;
        if (inner is null) values[section]![key] = JsonNode.Parse(value);
        else parent[inner] = JsonNode.Parse(value);

        Assert.False(Evaluate(values).IsValid);
    }

    static EvaluationResults Evaluate(JsonNode values) =>
        Schema.Evaluate(JsonDocument.Parse(values.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    static string Errors(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
