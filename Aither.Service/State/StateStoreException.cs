namespace Aither.Service.State;

/// <summary>
/// The state store cannot be used as configured: the message is one line for operators, names the setting and
/// never contains a password.
/// </summary>
public sealed class StateStoreException(string message, Exception? innerException = null) : Exception(message, innerException);
