namespace Mesh.Benchmarks;

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no values");
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

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
