using System.CommandLine;
using System.CommandLine.Parsing;

namespace Mesh.Cli.Commands;

/// <summary>
/// Options that name a service's gRPC address. The value is checked when the command line is parsed, so a typo
/// gets one line naming the option and the form it takes instead of a .NET exception.
/// </summary>
public static class AddressOption
{
    /// <summary>The gateway (or a service) to call: MESH_GATEWAY, else the local mesh's gateway.</summary>
    public static Option<string> Gateway(string description) =>
        Checked(new Option<string>("--address") { Description = description, DefaultValueFactory = _ => DescribeCommand.DefaultAddress }, "MESH_GATEWAY");

    /// <summary>An address option with no default (<c>--server</c>: absent means working locally).</summary>
    public static Option<string?> Optional(string name, string description) => Checked(new Option<string?>(name) { Description = description });

    /// <summary>An address option with a fixed default.</summary>
    public static Option<string> WithDefault(string name, string description, Uri defaultAddress) =>
        Checked(new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultAddress.ToString() });

    /// <summary>Why <paramref name="value"/> is no address for <paramref name="option"/>, or null when it is one (an absolute http or https URL).</summary>
    public static string? Problem(string option, string? value)
    {
        if (value is null || Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return null;
        return $"{option} '{value}' is not an http or https URL; give one such as http://127.0.0.1:5000";
    }

    /// <param name="defaultSource">Where a default that may be wrong comes from, named when it is.</param>
    static Option<T> Checked<T>(Option<T> option, string? defaultSource = null) where T : class?
    {
        option.Validators.Add(result =>
        {
            if (Problem(option.Name, result.GetValueOrDefault<T>() as string) is { } problem)
                result.AddError(result.Implicit && defaultSource is not null ? $"{problem} (the default came from {defaultSource})" : problem);
        });
        return option;
    }
}
