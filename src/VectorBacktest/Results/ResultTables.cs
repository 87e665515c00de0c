using Apache.Arrow;
using Apache.Arrow.Types;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Portfolio;
using C = VectorBacktest.Results.ResultColumns;

namespace VectorBacktest.Results;

/// <summary>Orders, trades and equity to and from Arrow record batches (column layout in <see cref="ResultColumns"/>).</summary>
internal static class ResultTables
{
    public static RecordBatch OrdersBatch(ReadOnlySpan<OrderRecord> orders)
    {
        int n = orders.Length;
        var bar = new Int32Array.Builder().Reserve(n);
        var decision = new Int32Array.Builder().Reserve(n);
        var time = new long[n];
        var side = new StringArray.Builder();
        var status = new StringArray.Builder();
        var reject = new StringArray.Builder();
        var reason = new StringArray.Builder();
        double[] quantity = new double[n], price = new double[n], fee = new double[n];
        double[] position = new double[n], entry = new double[n], balance = new double[n];
        var atOpen = new BooleanArray.Builder().Reserve(n);
        var requested = new double[n];
        var asset = new Int32Array.Builder().Reserve(n);
        for (int i = 0; i < n; i++)
        {
            ref readonly var o = ref orders[i];
            requested[i] = o.RequestedQuantity;
            asset.Append(o.Asset);
            bar.Append(o.Bar);
            decision.Append(o.DecisionBar);
            time[i] = o.Time;
            side.Append(o.Side.ToString());
            status.Append(o.Status.ToString());
            reject.Append(o.RejectReason.ToString());
            reason.Append(o.Reason.ToString());
            quantity[i] = o.Quantity;
            price[i] = o.Price;
            fee[i] = o.Fee;
            atOpen.Append(o.AtOpen);
            position[i] = o.PositionAfter;
            entry[i] = o.EntryPriceAfter;
            balance[i] = o.BalanceAfter;
        }
        return Batch(n,
            (C.Bar, Int32Type.Default, bar.Build(ManagedMemoryAllocator.Instance)), (C.DecisionBar, Int32Type.Default, decision.Build(ManagedMemoryAllocator.Instance)),
            (C.Time, ArrowBuffers.UtcMilliseconds, ArrowBuffers.WrapTime(time)), (C.Side, StringType.Default, side.Build(ManagedMemoryAllocator.Instance)),
            (C.Status, StringType.Default, status.Build(ManagedMemoryAllocator.Instance)), (C.RejectReason, StringType.Default, reject.Build(ManagedMemoryAllocator.Instance)),
            (C.Reason, StringType.Default, reason.Build(ManagedMemoryAllocator.Instance)), (C.Quantity, DoubleType.Default, ArrowBuffers.Wrap(quantity)),
            (C.RequestedQuantity, DoubleType.Default, ArrowBuffers.Wrap(requested)), (C.Asset, Int32Type.Default, asset.Build(ManagedMemoryAllocator.Instance)),
            (C.Price, DoubleType.Default, ArrowBuffers.Wrap(price)), (C.Fee, DoubleType.Default, ArrowBuffers.Wrap(fee)),
            (C.AtOpen, BooleanType.Default, atOpen.Build(ManagedMemoryAllocator.Instance)), (C.PositionAfter, DoubleType.Default, ArrowBuffers.Wrap(position)),
            (C.EntryPriceAfter, DoubleType.Default, ArrowBuffers.Wrap(entry)), (C.BalanceAfter, DoubleType.Default, ArrowBuffers.Wrap(balance)));
    }

    public static RecordBatch TradesBatch(ReadOnlySpan<TradeRecord> trades)
    {
        int n = trades.Length;
        var entryBar = new Int32Array.Builder().Reserve(n);
        var exitBar = new Int32Array.Builder().Reserve(n);
        long[] entryTime = new long[n], exitTime = new long[n];
        var side = new StringArray.Builder();
        var exitReason = new StringArray.Builder();
        double[] quantity = new double[n], entryPrice = new double[n], exitPrice = new double[n], entryFee = new double[n];
        double[] exitFee = new double[n], funding = new double[n], pnl = new double[n], ret = new double[n];
        double[] stopLoss = new double[n], takeProfit = new double[n];
        var asset = new Int32Array.Builder().Reserve(n);
        for (int i = 0; i < n; i++)
        {
            ref readonly var t = ref trades[i];
            asset.Append(t.Asset);
            entryBar.Append(t.EntryBar);
            exitBar.Append(t.ExitBar);
            entryTime[i] = t.EntryTime;
            exitTime[i] = t.ExitTime;
            side.Append(t.Side.ToString());
            quantity[i] = t.Quantity;
            entryPrice[i] = t.EntryPrice;
            exitPrice[i] = t.ExitPrice;
            entryFee[i] = t.EntryFee;
            exitFee[i] = t.ExitFee;
            funding[i] = t.Funding;
            pnl[i] = t.Pnl;
            ret[i] = t.Return;
            exitReason.Append(t.ExitReason.ToString());
            stopLoss[i] = t.StopLoss;
            takeProfit[i] = t.TakeProfit;
        }
        return Batch(n,
            (C.EntryBar, Int32Type.Default, entryBar.Build(ManagedMemoryAllocator.Instance)), (C.ExitBar, Int32Type.Default, exitBar.Build(ManagedMemoryAllocator.Instance)),
            (C.EntryTime, ArrowBuffers.UtcMilliseconds, ArrowBuffers.WrapTime(entryTime)),
            (C.ExitTime, ArrowBuffers.UtcMilliseconds, ArrowBuffers.WrapTime(exitTime)), (C.Side, StringType.Default, side.Build(ManagedMemoryAllocator.Instance)),
            (C.Quantity, DoubleType.Default, ArrowBuffers.Wrap(quantity)), (C.EntryPrice, DoubleType.Default, ArrowBuffers.Wrap(entryPrice)),
            (C.ExitPrice, DoubleType.Default, ArrowBuffers.Wrap(exitPrice)), (C.EntryFee, DoubleType.Default, ArrowBuffers.Wrap(entryFee)),
            (C.ExitFee, DoubleType.Default, ArrowBuffers.Wrap(exitFee)), (C.Funding, DoubleType.Default, ArrowBuffers.Wrap(funding)),
            (C.Pnl, DoubleType.Default, ArrowBuffers.Wrap(pnl)), (C.Return, DoubleType.Default, ArrowBuffers.Wrap(ret)),
            (C.ExitReason, StringType.Default, exitReason.Build(ManagedMemoryAllocator.Instance)), (C.StopLoss, DoubleType.Default, ArrowBuffers.Wrap(stopLoss)),
            (C.TakeProfit, DoubleType.Default, ArrowBuffers.Wrap(takeProfit)), (C.Asset, Int32Type.Default, asset.Build(ManagedMemoryAllocator.Instance)));
    }

    public static RecordBatch EquityBatch(long[] time, double[] cash, double[] positionValue, double[] equity, double[] drawdown) =>
        Batch(time.Length,
            (C.Time, ArrowBuffers.UtcMilliseconds, ArrowBuffers.WrapTime(time)), (C.Cash, DoubleType.Default, ArrowBuffers.Wrap(cash)),
            (C.PositionValue, DoubleType.Default, ArrowBuffers.Wrap(positionValue)), (C.Equity, DoubleType.Default, ArrowBuffers.Wrap(equity)),
            (C.Drawdown, DoubleType.Default, ArrowBuffers.Wrap(drawdown)));

    /// <exception cref="InvalidDataException">A column is missing, has the wrong type or holds an unknown name.</exception>
    public static OrderRecord[] ReadOrders(RecordBatch batch, string source)
    {
        var bar = Column<Int32Array>(batch, C.Bar, source);
        var decision = Column<Int32Array>(batch, C.DecisionBar, source);
        var time = Column<TimestampArray>(batch, C.Time, source);
        var side = Column<StringArray>(batch, C.Side, source);
        var status = Column<StringArray>(batch, C.Status, source);
        var reject = Column<StringArray>(batch, C.RejectReason, source);
        var reason = Column<StringArray>(batch, C.Reason, source);
        var quantity = Column<DoubleArray>(batch, C.Quantity, source);
        var requested = Column<DoubleArray>(batch, C.RequestedQuantity, source);
        var asset = Column<Int32Array>(batch, C.Asset, source);
        var price = Column<DoubleArray>(batch, C.Price, source);
        var fee = Column<DoubleArray>(batch, C.Fee, source);
        var atOpen = Column<BooleanArray>(batch, C.AtOpen, source);
        var position = Column<DoubleArray>(batch, C.PositionAfter, source);
        var entry = Column<DoubleArray>(batch, C.EntryPriceAfter, source);
        var balance = Column<DoubleArray>(batch, C.BalanceAfter, source);
        var orders = new OrderRecord[batch.Length];
        for (int i = 0; i < orders.Length; i++)
        {
            orders[i] = new OrderRecord
            {
                Bar = bar.Values[i], DecisionBar = decision.Values[i], Time = time.Values[i],
                Side = Parse<OrderSide>(side, i, C.Side, source), Status = Parse<OrderStatus>(status, i, C.Status, source),
                RejectReason = Parse<RejectReason>(reject, i, C.RejectReason, source),
                Reason = Parse<ExitReason>(reason, i, C.Reason, source),
                Quantity = quantity.Values[i], RequestedQuantity = requested.Values[i], Asset = asset.Values[i], Price = price.Values[i], Fee = fee.Values[i], AtOpen = atOpen.GetValue(i) ?? false,
                PositionAfter = position.Values[i], EntryPriceAfter = entry.Values[i], BalanceAfter = balance.Values[i],
            };
        }
        return orders;
    }

    /// <exception cref="InvalidDataException">A column is missing, has the wrong type or holds an unknown name.</exception>
    public static TradeRecord[] ReadTrades(RecordBatch batch, string source)
    {
        var entryBar = Column<Int32Array>(batch, C.EntryBar, source);
        var exitBar = Column<Int32Array>(batch, C.ExitBar, source);
        var entryTime = Column<TimestampArray>(batch, C.EntryTime, source);
        var exitTime = Column<TimestampArray>(batch, C.ExitTime, source);
        var side = Column<StringArray>(batch, C.Side, source);
        var quantity = Column<DoubleArray>(batch, C.Quantity, source);
        var entryPrice = Column<DoubleArray>(batch, C.EntryPrice, source);
        var exitPrice = Column<DoubleArray>(batch, C.ExitPrice, source);
        var entryFee = Column<DoubleArray>(batch, C.EntryFee, source);
        var exitFee = Column<DoubleArray>(batch, C.ExitFee, source);
        var funding = Column<DoubleArray>(batch, C.Funding, source);
        var pnl = Column<DoubleArray>(batch, C.Pnl, source);
        var ret = Column<DoubleArray>(batch, C.Return, source);
        var exitReason = Column<StringArray>(batch, C.ExitReason, source);
        var stopLoss = Column<DoubleArray>(batch, C.StopLoss, source);
        var takeProfit = Column<DoubleArray>(batch, C.TakeProfit, source);
        var tradeAsset = Column<Int32Array>(batch, C.Asset, source);
        var trades = new TradeRecord[batch.Length];
        for (int i = 0; i < trades.Length; i++)
        {
            trades[i] = new TradeRecord
            {
                EntryBar = entryBar.Values[i], ExitBar = exitBar.Values[i], EntryTime = entryTime.Values[i], ExitTime = exitTime.Values[i],
                Side = Parse<PositionSide>(side, i, C.Side, source), Quantity = quantity.Values[i], EntryPrice = entryPrice.Values[i],
                ExitPrice = exitPrice.Values[i], EntryFee = entryFee.Values[i], ExitFee = exitFee.Values[i], Funding = funding.Values[i],
                Pnl = pnl.Values[i], Return = ret.Values[i], ExitReason = Parse<ExitReason>(exitReason, i, C.ExitReason, source),
                StopLoss = stopLoss.Values[i], TakeProfit = takeProfit.Values[i], Asset = tradeAsset.Values[i],
            };
        }
        return trades;
    }

    /// <exception cref="InvalidDataException">A column is missing or has the wrong type.</exception>
    public static (long[] Time, double[] Cash, double[] PositionValue, double[] Equity, double[] Drawdown) ReadEquity(RecordBatch batch, string source) =>
        (Column<TimestampArray>(batch, C.Time, source).Values.ToArray(), Column<DoubleArray>(batch, C.Cash, source).Values.ToArray(),
            Column<DoubleArray>(batch, C.PositionValue, source).Values.ToArray(), Column<DoubleArray>(batch, C.Equity, source).Values.ToArray(),
            Column<DoubleArray>(batch, C.Drawdown, source).Values.ToArray());

    private static RecordBatch Batch(int length, params (string Name, IArrowType Type, IArrowArray Array)[] columns)
    {
        var schema = new Schema.Builder();
        var arrays = new IArrowArray[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            var (name, type, array) = columns[i];
            schema.Field(f => f.Name(name).DataType(type).Nullable(false));
            arrays[i] = array;
        }
        return new RecordBatch(schema.Build(), arrays, length);
    }

    private static T Column<T>(RecordBatch batch, string name, string source) where T : class, IArrowArray
    {
        int index = batch.Schema.GetFieldIndex(name);
        if (index < 0) throw new InvalidDataException($"{source}: column '{name}' is missing.");
        var column = batch.Column(index);
        if (column is not T typed || column.NullCount != 0)
            throw new InvalidDataException($"{source}: column '{name}' has Arrow type {column.Data.DataType.Name} with {column.NullCount} nulls; " +
                $"expected non-null {typeof(T).Name}.");
        return typed;
    }

    private static TEnum Parse<TEnum>(StringArray column, int row, string name, string source) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(column.GetString(row), out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"{source}: row {row + 1}, column '{name}': '{column.GetString(row)}' is not a {typeof(TEnum).Name}.");
}
