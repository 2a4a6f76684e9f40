namespace Aegis.Domain.Instruments;

/// <summary>The right an option contract gives its holder.</summary>
public enum OptionRight
{
    Call = 0,
    Put = 1,
}
