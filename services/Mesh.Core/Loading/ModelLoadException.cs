namespace Mesh.Core.Loading;

/// <summary>A model directory whose files are missing, inconsistent with its config, or malformed.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
