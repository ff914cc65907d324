namespace Gateway.Proxy;

/// <summary>
/// Wraps the request body to record whether anything read it. Once the forwarder has started copying the body to a
/// pod, it is consumed: a retry would send another pod an empty or truncated body.
/// </summary>
internal sealed class ReadTrackingStream(Stream inner) : Stream
{
    private volatile bool _wasRead;

    /// <summary>The request's own body stream, to put back afterwards.</summary>
    public Stream Inner => inner;

    /// <summary>True once any read was attempted (even one that failed or returned nothing).</summary>
    public bool WasRead => _wasRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        _wasRead = true;
        return inner.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        _wasRead = true;
        return inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _wasRead = true;
        return inner.ReadAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _wasRead = true;
        return inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        _wasRead = true;
        return inner.CopyToAsync(destination, bufferSize, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
