using System.Text.Json.Nodes;
using Aither.Service.Sync;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

public sealed record AuthFailure(string Reason, string Method, string Route, string RequestId, string ClientAddress);
