namespace Mesh.Core.Vision;

/// <summary>The image bytes could not be decoded or break a limit; the message says what was wrong and what is allowed.</summary>
public sealed class InvalidImageException : ArgumentException
{
    /// <summary>Creates the exception with a message for the caller.</summary>
    public InvalidImageException(string message, Exception? inner = null) : base(message, inner) { }
}
