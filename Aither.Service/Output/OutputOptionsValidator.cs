using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aither.Service.Output;

[OptionsValidator]
internal sealed partial class OutputOptionsValidator : IValidateOptions<OutputOptions>;
