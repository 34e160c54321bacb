using System.Globalization;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

public enum RollbarLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}
