namespace Mesh.Benchmarks;

/// <summary>How the benchmark reports print figures (their medians come from <see cref="Mesh.Judging.Median"/>).</summary>
public static class Stats
{
    /// <summary>
    /// A ratio as a signed percentage with one decimal ("+4.3%", "-1.2%", "+0.0%"), rounded before the sign is chosen so
    /// that a tiny negative value does not print as "-+0.0%" (which .NET's "+0.0%;-0.0%" format gives).
    /// </summary>
    public static string SignedPercent(double ratio)
    {
        double rounded = Math.Round(ratio * 100, 1, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0;   // no "-0.0"
        return (rounded >= 0 ? "+" : "-") + Math.Abs(rounded).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>A target's verdict in a report's table.</summary>
    public static string Met(bool met) => met ? "yes" : "no";
}
