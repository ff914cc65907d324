using LoadTests.Soak;

namespace LoadTests.Tests.Soak;

public sealed class PrometheusTextTests
{
    // Trimmed from the gateway's /metrics (OpenTelemetry's Prometheus exporter).
    private const string Scrape = """
        # TYPE gateway_requests_total counter
        # HELP gateway_requests_total Requests routed, by track, reason and status class.
        gateway_requests_total{otel_scope_name="Gateway",reason="new",status_class="2xx",track="stable"} 201181 1764628800000
        gateway_requests_total{otel_scope_name="Gateway",reason="new",status_class="2xx",track="canary"} 67080 1764628800000
        gateway_requests_total{otel_scope_name="Gateway",reason="bucket",status_class="5xx",track="canary"} 3 1764628800000
        gateway_requests_total_created{otel_scope_name="Gateway",track="stable"} 1764620000 1764628800000
        gateway_requests_totals 99
        # TYPE process_uptime gauge
        process_uptime 12.5
        """;

    [Fact]
    public void Sum_SeriesWithLabelsAndTimestamps_AddsUpTheValues() =>
        Assert.Equal(201181 + 67080 + 3, PrometheusText.Sum(Scrape, "gateway_requests_total"));

    [Fact]
    public void Sum_SeriesWithoutLabels_IsItsValue() =>
        Assert.Equal(12.5, PrometheusText.Sum(Scrape, "process_uptime"));

    [Fact]
    public void Sum_MetricNotThere_IsNull() =>
        Assert.Null(PrometheusText.Sum(Scrape, "gateway_retries_total"));

    [Fact]
    public void Sum_OnlyMetricsThatStartWithTheName_IsNull() =>
        Assert.Null(PrometheusText.Sum("gateway_requests_total_created 5\ngateway_requests_totals 7\n", "gateway_requests_total"));

    [Fact]
    public void Sum_LabelValueWithSpaces_ReadsTheValueAfterTheLabels() =>
        Assert.Equal(42, PrometheusText.Sum("m{path=\"/a b\",x=\"y z\"} 42\n", "m"));
}
