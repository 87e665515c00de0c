namespace VectorBacktest.Execution;

/// <summary>Direction of an order: buying or selling the base asset.</summary>
public enum OrderSide : byte
{
    /// <summary>Buy base asset, pay quote currency.</summary>
    Buy = 0,
    /// <summary>Sell base asset, receive quote currency.</summary>
    Sell = 1,
}
