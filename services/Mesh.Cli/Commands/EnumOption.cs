using System.CommandLine;

namespace Mesh.Cli.Commands;

/// <summary>
/// An option taking one of an enum's user-facing values, written in lower case like <c>mesh import --dtype</c>: the
/// help lists those values alone, never a proto enum's None or Unspecified, nor .NET's capitalised member names.
/// </summary>
public static class EnumOption
{
    /// <summary>An option accepting <paramref name="values"/> (lower case), <paramref name="defaultValue"/> when left out.</summary>
    public static Option<string> Create<TEnum>(string name, string description, TEnum defaultValue, params TEnum[] values) where TEnum : struct, Enum
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => Name(defaultValue) };
        option.AcceptOnlyFromAmong([.. values.Select(Name)]);
        return option;
    }

    /// <summary>The enum value of an option made by <see cref="Create"/>.</summary>
    public static TEnum GetEnum<TEnum>(this ParseResult parse, Option<string> option) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(parse.GetValue(option)!, ignoreCase: true);

    static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
