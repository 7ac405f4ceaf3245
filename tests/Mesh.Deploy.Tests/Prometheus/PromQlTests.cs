namespace Mesh.Deploy.Tests.Prometheus;

public sealed class PromQlTests
{
    const string Expression =
        "histogram_quantile(0.95, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket{job=~\"$job\", http_route!~\"/health/.*\"}[$__rate_interval])))"
        + " / on (job) group_left sum(up) > 0.5 and rate(mesh_queue_rejected_total[5m]) or vector(0)";

    [Fact]
    public void TheMetricsAreTheSelectorsNamesAndNothingElse()
    {
        Assert.Equal(["http_server_request_duration_seconds_bucket", "mesh_queue_rejected_total", "up"], PromQl.Metrics(Expression).Order());
    }

    [Fact]
    public void TheLabelsComeFromMatchersAndGroupings()
    {
        Assert.Equal(["http_route", "job", "le"], PromQl.Labels(Expression).Order());
    }
}
