namespace FakeKubeApi;

/// <summary>
/// Carries a <see cref="KubeApiStatus"/> out of the write path (body decoding, preconditions, patching, validation),
/// where each step can fail and the request handler turns it into the answer.
/// </summary>
internal sealed class KubeApiException(KubeApiStatus status) : Exception(status.Message)
{
    public KubeApiStatus Status { get; } = status;
}
