using System.Globalization;
using System.Text.RegularExpressions;
using HdrHistogram;

namespace LoadTests.Bench;

/// <summary>
/// Reads h2load's (nghttp2 1.5x) report: the "finished in" and "requests:" summary lines and the negotiated protocol
/// from its output, and percentiles from its <c>--log-file</c>, which it writes one tab-separated row per request:
/// start time (µs since the epoch), status (-1 for a failed stream), duration in µs. h2load prints no percentiles itself.
/// </summary>
internal static partial class H2LoadOutput
{
    /// <exception cref="FormatException">The output has no summary (h2load failed before measuring), or a log row is malformed.</exception>
    public static H2LoadRun Parse(string output, IEnumerable<string> logLines)
    {
        var finished = Finished().Match(output);
        var requests = Requests().Match(output);
        if (!finished.Success || !requests.Success)
        {
            throw new FormatException("h2load printed no summary ('finished in …' and 'requests: …')");
        }

        long Count(string name) => long.Parse(requests.Groups[name].Value, CultureInfo.InvariantCulture);
        string? Line(Regex pattern) => pattern.Match(output) is { Success: true } m ? m.Groups["value"].Value.Trim() : null;

        var histogram = new LongHistogram(1, 60_000_000, 3);
        long logged = 0, nonSuccess = 0, failedStreams = 0;
        foreach (var row in logLines)
        {
            if (row.Length == 0)
            {
                continue;
            }

            var fields = row.Split('\t');
            if (fields.Length < 3
                || !int.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var status)
                || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
            {
                throw new FormatException($"h2load log row {logged + 1} is not 'start<TAB>status<TAB>duration': '{row}'");
            }

            logged++;
            if (status < 0)
            {
                // The stream failed: no answer, so no latency to record.
                failedStreams++;
                continue;
            }

            if (status is < 200 or > 299)
            {
                nonSuccess++;
            }

            histogram.RecordValue(Math.Clamp(micros, 1, 60_000_000));
        }

        var latency = histogram.TotalCount == 0
            ? (0L, 0L, 0L, 0L)
            : (histogram.GetValueAtPercentile(50), histogram.GetValueAtPercentile(90), histogram.GetValueAtPercentile(99), histogram.GetMaxValue());
        return new H2LoadRun(
            Count("done"),
            double.Parse(finished.Groups["rps"].Value, CultureInfo.InvariantCulture),
            Count("failed"),
            Count("errored"),
            Count("timeout"),
            Line(ApplicationProtocol()),
            Line(TlsProtocol()),
            Line(Cipher()),
            logged,
            nonSuccess,
            failedStreams,
            latency);
    }

    [GeneratedRegex(@"^finished in [0-9.]+(?:ms|s|m|h|us), (?<rps>[0-9.]+) req/s", RegexOptions.Multiline)]
    private static partial Regex Finished();

    [GeneratedRegex(@"^requests: (?<total>\d+) total, (?<started>\d+) started, (?<done>\d+) done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored, (?<timeout>\d+) timeout", RegexOptions.Multiline)]
    private static partial Regex Requests();

    [GeneratedRegex(@"^Application protocol: (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex ApplicationProtocol();

    [GeneratedRegex(@"^TLS Protocol: (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex TlsProtocol();

    [GeneratedRegex(@"^Cipher: (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Cipher();
}
