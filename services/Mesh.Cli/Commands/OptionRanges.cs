using System.CommandLine;
using System.CommandLine.Parsing;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Numerics;
using System.Reflection;

namespace Mesh.Cli.Commands;

/// <summary>
/// Range checks on numeric options, made when the command line is parsed: a value out of range gets one line naming the
/// option and the range it allows ("--count must be at least 1; got -5"), never .NET's argument text.
/// </summary>
public static class OptionRanges
{
    /// <summary>Allows <paramref name="min"/> .. <paramref name="max"/> inclusive.</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max) where T : struct, INumber<T>, IMinMaxValue<T> =>
        option.Allowing(v => v >= min && v <= max, Describe(min, max));

    /// <summary>Allows <paramref name="min"/> and above.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T min) where T : struct, INumber<T>, IMinMaxValue<T> =>
        option.InRange(min, T.MaxValue);

    /// <summary>For an option that may be left out: a given value lies in <paramref name="min"/> .. <paramref name="max"/>.</summary>
    public static Option<T?> InRangeWhenGiven<T>(this Option<T?> option, T min, T max) where T : struct, INumber<T>, IMinMaxValue<T> =>
        option.Allowing(v => v is not { } given || given >= min && given <= max, Describe(min, max));

    /// <summary>The range of <typeparamref name="TOptions"/>' <c>[Range]</c> on <paramref name="property"/>, so the option and the record it fills agree.</summary>
    public static Option<T> InRangeOf<TOptions, T>(this Option<T> option, string property) where T : struct, INumber<T>, IMinMaxValue<T>
    {
        var (min, max) = RangeOf<TOptions, T>(property);
        return option.InRange(min, max);
    }

    /// <summary>As <see cref="InRangeOf{TOptions, T}"/> for an option that may be left out.</summary>
    public static Option<T?> InRangeWhenGivenOf<TOptions, T>(this Option<T?> option, string property) where T : struct, INumber<T>, IMinMaxValue<T>
    {
        var (min, max) = RangeOf<TOptions, T>(property);
        return option.InRangeWhenGiven(min, max);
    }

    /// <summary>Refuses values <paramref name="allowed"/> rejects; <paramref name="range"/> says what it accepts ("in (0, 1]").</summary>
    public static Option<T> Allowing<T>(this Option<T> option, Func<T, bool> allowed, string range)
    {
        option.Validators.Add(result =>
        {
            // A value that does not parse as a number gets the parser's own error.
            if (TryGetValue(result, out T value) && !allowed(value))
                result.AddError($"{option.Name} must be {range}; got {string.Format(CultureInfo.InvariantCulture, "{0}", value)}");
        });
        return option;
    }

    /// <summary>The value of <paramref name="result"/>, or false when it does not convert.</summary>
    public static bool TryGetValue<T>(SymbolResult? result, out T value)
    {
        value = default!;
        if (result is not OptionResult option) return false;
        try
        {
            value = option.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    static string Describe<T>(T min, T max) where T : INumber<T>, IMinMaxValue<T> =>
        max == T.MaxValue ? Invariant($"at least {min}") : Invariant($"between {min} and {max}");

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    static (T Min, T Max) RangeOf<TOptions, T>(string property) where T : INumber<T>
    {
        var range = typeof(TOptions).GetProperty(property)?.GetCustomAttribute<RangeAttribute>()
                    ?? throw new InvalidOperationException($"{typeof(TOptions).Name}.{property} has no [Range]");
        return (Parse<T>(range.Minimum), Parse<T>(range.Maximum));
    }

    static T Parse<T>(object bound) where T : INumber<T> =>
        T.Parse(Convert.ToString(bound, CultureInfo.InvariantCulture)!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
