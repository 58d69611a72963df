package dev.flightdelay.job;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** A horizontal bar chart of the ranking metric per carrier, most delayed on top. */
final class DelayChart {

  private static final int WIDTH = 1000;
  private static final int ROW_HEIGHT = 28;
  private static final int MARGIN = 140;

  private DelayChart() {}

  static void writePng(AnalysisResult result, OutputStream out) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    List<CarrierStats> carriers = result.carriers();
    for (CarrierStats c : carriers) {
      Double value = result.rankBy().valueOf(c);
      dataset.addValue(
          value == null ? 0.0 : value,
          result.rankBy().name(),
          c.rank() + ". " + c.carrier() + " " + c.name() + " (" + c.flights() + " flights)");
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Carriers by " + label(result.rankBy()) + " (" + result.flights() + " flights)",
            null,
            label(result.rankBy()),
            dataset,
            PlotOrientation.HORIZONTAL,
            false,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ((BarRenderer) plot.getRenderer()).setSeriesPaint(0, new Color(0xC0, 0x39, 0x2B));
    ChartUtils.writeChartAsPNG(out, chart, WIDTH, MARGIN + ROW_HEIGHT * Math.max(1, carriers.size()));
  }

  private static String label(RankBy rankBy) {
    return switch (rankBy) {
      case meanArrivalDelay -> "mean arrival delay (minutes)";
      case medianArrivalDelay -> "median arrival delay (minutes)";
      case p90ArrivalDelay -> "90th percentile arrival delay (minutes)";
      case meanDepartureDelay -> "mean departure delay (minutes)";
      case delayedShare -> "share of arrivals delayed";
    };
  }
}
