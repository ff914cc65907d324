using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Resilience;

/// <summary>Request and response bodies stream through: 100 MB each way without the gateway buffering them.</summary>
[Collection(SerialTests.Name)]
public sealed class StreamingTests
{
    private const long Size = 100L * 1024 * 1024;

    // Buffering 100 MB anywhere in the process would grow it by at least that; streaming keeps it to pooled buffers.
    private const long AllowedGrowth = 48L * 1024 * 1024;

    [Fact]
    public async Task Upload100MB_StreamsToThePod_WithFlatMemory()
    {
        long received = 0;
        await using var backend = await Backend.StartCustomAsync(app => ((IApplicationBuilder)app).Run(async context =>
        {
            // The pod decides what it accepts; this one takes anything.
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
            var buffer = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                received += read;
            }

            await context.Response.WriteAsync(received.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }));
        await using var gateway = await GatewayInstance.StartAsync([backend.Url], [backend.Url]);
        using var client = gateway.CreateRawClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var baseline = Settle();
        var peak = new PeakMemory();

        var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Headers = { Host = "foo.bar" }, Content = new StreamContent(new PatternStream(Size, peak)) };
        request.Content.Headers.ContentLength = Size;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
        Assert.InRange(peak.Max - baseline, long.MinValue, AllowedGrowth);
    }

    [Fact]
    public async Task Download100MB_StreamsFromThePod_WithFlatMemory()
    {
        await using var backend = await Backend.StartCustomAsync(app => ((IApplicationBuilder)app).Run(async context =>
        {
            context.Response.ContentLength = Size;
            var buffer = new byte[81920];
            for (long sent = 0; sent < Size; sent += buffer.Length)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, Size - sent)));
            }
        }));
        await using var gateway = await GatewayInstance.StartAsync([backend.Url], [backend.Url]);
        using var client = gateway.CreateRawClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var baseline = Settle();
        var peak = new PeakMemory();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/download") { Headers = { Host = "foo.bar" } }, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
            peak.Sample();
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, total);
        Assert.InRange(peak.Max - baseline, long.MinValue, AllowedGrowth);
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Environment.WorkingSet;
    }

    private sealed class PeakMemory
    {
        private int _calls;

        public long Max { get; private set; } = Environment.WorkingSet;

        public void Sample()
        {
            // Every 64 reads (~5 MB): often enough to see buffering, cheap enough not to slow the transfer.
            if (++_calls % 64 == 0)
            {
                Max = Math.Max(Max, Environment.WorkingSet);
            }
        }
    }

    /// <summary>A generated request body that samples memory as the gateway pulls it.</summary>
    private sealed class PatternStream(long length, PeakMemory peak) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            _position += n;
            peak.Sample();
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
