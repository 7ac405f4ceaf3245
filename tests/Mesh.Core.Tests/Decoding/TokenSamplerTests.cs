using Mesh.Core.Decoding;

namespace Mesh.Core.Tests.Decoding;

public class TokenSamplerTests
{
    // Probabilities 0.7, 0.2, 0.1 at temperature 1.
    static readonly float[] Skewed = [MathF.Log(0.7f), MathF.Log(0.2f), MathF.Log(0.1f)];

    static int[] Draw(SamplingOptions options, float[] logits, int count)
    {
        var sampler = new TokenSampler(options);
        return Enumerable.Range(0, count).Select(_ => sampler.Next(logits).Token).ToArray();
    }

    static double Fraction(int[] draws, int token) => draws.Count(t => t == token) / (double)draws.Length;

    [Fact]
    public void GreedyTakesTheFirstMaximumOnTies()
    {
        var sampler = new TokenSampler(SamplingOptions.Greedy);

        Assert.Equal(1, sampler.Next([1f, 3f, 3f, 2f]).Token);
        Assert.Equal(3, sampler.Next([-5f, -4f, -3f, 7f]).Token);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.7f)]
    public void LogprobIsTheLogSoftmaxOfTheChosenLogit(float temperature)
    {
        float[] logits = [2.5f, -1f, 0.25f, 4f, 3.9f];
        var (token, logprob) = new TokenSampler(new SamplingOptions { Temperature = temperature, Seed = 1 }).Next(logits);

        double logSum = Math.Log(logits.Sum(x => Math.Exp(x)));
        Assert.Equal(logits[token] - logSum, logprob, 5);
        Assert.True(logprob < 0);
    }

    [Fact]
    public void TheSameSeedGivesTheSameTokensAndAnotherSeedOthers()
    {
        float[] uniform = Enumerable.Repeat(0f, 10).ToArray();
        var options = new SamplingOptions { Temperature = 1f, Seed = 42 };

        var first = Draw(options, uniform, 200);
        Assert.Equal(first, Draw(options, uniform, 200));
        Assert.NotEqual(first, Draw(options with { Seed = 43 }, uniform, 200));
        Assert.True(first.Distinct().Count() > 5, "a uniform draw over 10 tokens should visit most of them");
    }

    [Fact]
    public void ASmallTopPKeepsOnlyTheArgmax()
    {
        var draws = Draw(new SamplingOptions { Temperature = 1f, TopP = 0.05f, Seed = 5 }, Skewed, 500);
        Assert.All(draws, token => Assert.Equal(0, token));
    }

    [Fact]
    public void TopPCutsTheTailAndRenormalises()
    {
        // 0.7 < 0.8, so the nucleus is {0, 1}: token 2 never appears, token 0 takes 0.7 / 0.9 = 0.78.
        var draws = Draw(new SamplingOptions { Temperature = 1f, TopP = 0.8f, Seed = 9 }, Skewed, 5000);

        Assert.DoesNotContain(2, draws);
        Assert.InRange(Fraction(draws, 0), 0.73, 0.83);
    }

    // 5000 draws: a frequency's standard deviation is at most 0.007, so +-0.05 is over 7 deviations wide,
    // while a wrong temperature or a uniform draw misses by 0.15 or more.
    [Fact]
    public void SamplingFrequenciesFollowTheSoftmax()
    {
        var draws = Draw(new SamplingOptions { Temperature = 1f, Seed = 11 }, Skewed, 5000);

        Assert.InRange(Fraction(draws, 0), 0.65, 0.75);
        Assert.InRange(Fraction(draws, 1), 0.15, 0.25);
        Assert.InRange(Fraction(draws, 2), 0.05, 0.15);
    }

    [Fact]
    public void TemperatureFlattensTheDistribution()
    {
        // At temperature 2 the probabilities go as sqrt(p): 0.52, 0.28, 0.20.
        var draws = Draw(new SamplingOptions { Temperature = 2f, Seed = 13 }, Skewed, 5000);

        Assert.InRange(Fraction(draws, 0), 0.47, 0.57);
        Assert.InRange(Fraction(draws, 2), 0.15, 0.25);
    }

    [Theory]
    [InlineData(-0.5f, 1f)]
    [InlineData(float.NaN, 1f)]
    [InlineData(float.PositiveInfinity, 1f)]
    [InlineData(1f, 0f)]
    [InlineData(1f, 1.01f)]
    [InlineData(1f, float.NaN)]
    public void InvalidSamplingOptionsCannotBeBuilt(float temperature, float topP)
    {
        var error = Assert.Throws<ArgumentException>(() => new SamplingOptions { Temperature = temperature, TopP = topP });
        Assert.Contains("allowed", error.Message);
        Assert.Throws<ArgumentException>(() => SamplingOptions.Greedy with { Temperature = temperature, TopP = topP });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ANonPositiveTokenLimitCannotBeBuilt(int maxNewTokens)
    {
        var error = Assert.Throws<ArgumentException>(() => new GenerationOptions { MaxNewTokens = maxNewTokens });
        Assert.Equal($"the token limit is {maxNewTokens}; allowed: a positive count", error.Message);
    }

    [Fact]
    public void TinyTemperatureStillPicksTheArgMax()
    {
        var sampler = new TokenSampler(new SamplingOptions { Temperature = 1e-30f, Seed = 3 });
        Assert.Equal(2, sampler.Next([1f, 2f, 3f, -1f]).Token);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void LogitsWithoutAFiniteMaximumAreRefused(float bad)
    {
        var sampler = new TokenSampler(new SamplingOptions { Temperature = 1f });
        var error = Assert.Throws<InvalidOperationException>(() => sampler.Next([bad, float.NegativeInfinity, bad]));
        Assert.Contains("finite", error.Message);
    }
}
