namespace Mesh.Core.Loading;

/// <summary>A model configuration that is missing, malformed or describes something Mesh does not support.</summary>
public sealed class ModelConfigException(string message, Exception? inner = null) : Exception(message, inner);
