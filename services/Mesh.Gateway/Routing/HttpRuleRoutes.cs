using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mesh.Gateway.Routing;

/// <summary>An HTTP method and ASP.NET route template of one JSON mapping of an RPC.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Path">The <c>google.api.http</c> path as written in the proto, e.g. <c>/v1/contexts/{context_id}</c>.</param>
/// <param name="RouteTemplate">The same path as a route template, e.g. <c>/v1/contexts/{context_id}</c>.</param>
public sealed record HttpRoute(string Method, string Path, string RouteTemplate);

/// <summary>
/// Reads the <c>google.api.http</c> annotations of a gRPC service (the same ones the services' JSON transcoding
/// serves), so the gateway routes each JSON path to the service that answers it without a second list.
/// </summary>
public static partial class HttpRuleRoutes
{
    /// <summary>Every HTTP mapping (additional bindings included) of <paramref name="service"/>'s methods.</summary>
    public static IEnumerable<HttpRoute> Of(ServiceDescriptor service) =>
        from method in service.Methods
        let rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http)
        where rule is not null
        from binding in Flatten(rule)
        select ToRoute(method, binding);

    static IEnumerable<HttpRule> Flatten(HttpRule rule) => rule.AdditionalBindings.SelectMany(Flatten).Prepend(rule);

    static HttpRoute ToRoute(MethodDescriptor method, HttpRule rule)
    {
        var (verb, path) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("GET", rule.Get),
            HttpRule.PatternOneofCase.Post => ("POST", rule.Post),
            HttpRule.PatternOneofCase.Put => ("PUT", rule.Put),
            HttpRule.PatternOneofCase.Delete => ("DELETE", rule.Delete),
            HttpRule.PatternOneofCase.Patch => ("PATCH", rule.Patch),
            HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToUpperInvariant(), rule.Custom.Path),
            _ => throw new InvalidOperationException($"{method.FullName}: its google.api.http rule has no HTTP method and path."),
        };
        return new HttpRoute(verb, path, RouteTemplate(method.FullName, path));
    }

    // {field} and {field=*} match one segment; {field=**} or a multi-segment pattern match the rest of the path,
    // which ASP.NET routing allows only as the last segment. Field paths (a.b) become valid parameter names (a_b).
    internal static string RouteTemplate(string rpc, string path)
    {
        var template = Variable().Replace(path, match =>
        {
            string name = match.Groups["name"].Value.Replace('.', '_');
            string pattern = match.Groups["pattern"].Value;
            return pattern is "" or "*" ? $"{{{name}}}" : $"{{**{name}}}";
        });
        int catchAll = template.IndexOf("{**", StringComparison.Ordinal);
        if (catchAll >= 0 && template.IndexOf('}', catchAll) != template.Length - 1)
            throw new InvalidOperationException(
                $"{rpc}: the HTTP path '{path}' has a multi-segment variable before its end; the gateway can route such a variable only as the last segment.");
        return template;
    }

    [GeneratedRegex(@"\{(?<name>[^}=]+)(?:=(?<pattern>[^}]*))?\}")]
    private static partial Regex Variable();
}
