import Foundation

/// The report's charts: inline SVG, drawn for a 420 px wide box so that on a 390 px phone (where the box is
/// about 366 px) 12 px text stays above 10 px. Every figure is written beside its bar, every verdict in words,
/// and a hidden figure is drawn as an explicit "dolt" mark, never as nothing.
extension HTMLReportWriter {
    private static func format(_ x: Double) -> String { String(format: "%.1f", x) }

    /// A published cell's text as a screen reader should say it: `..` is "dolt", `<5` is "färre än 5".
    ///
    /// - Returns: `text` in words.
    static func spoken(_ text: String) -> String {
        if text == ".." { return "dolt" }
        if text == "–" { return "saknas" }
        if text.hasPrefix("<") { return "färre än " + text.dropFirst() }
        return text
    }

    /// An accessible SVG: `title` and `desc` name it for screen readers and as its text alternative.
    private static func svg(_ id: String, width: Int, height: Int, title: String, description: String, caption: String? = nil, _ body: String)
        -> String
    {
        """
        <figure>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-labelledby="\(id)-title \(id)-desc">
        <title id="\(id)-title">\(escape(title))</title>
        <desc id="\(id)-desc">\(escape(description))</desc>
        \(body)</svg>
        <figcaption>\(escape(caption ?? title))</figcaption>
        </figure>

        """
    }

    private static func text(_ x: Double, _ y: Double, _ content: String, _ attributes: String = "") -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\"\(attributes.isEmpty ? "" : " " + attributes)>\(escape(content))</text>\n"
    }

    /// The explicit mark of a hidden figure: a dashed outline with "dolt" in it.
    private static func hiddenMark(_ x: Double, _ y: Double, width: Double, height: Double, _ label: String = "dolt") -> String {
        "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(width))\" height=\"\(format(height))\" fill=\"#ffffff\" stroke=\"\(ReportPalette.muted)\" stroke-dasharray=\"3 2\"/>\n"
            + text(x + 4, y + height - 3.5, label, "font-style=\"italic\"")
    }

    /// The target lines of a share goal: its least value, its greatest, or both (a band).
    private static func targetLines(_ result: GoalResult) -> [Double] {
        guard result.kind == .share, let target = result.goal.goalTarget else { return [] }
        return [target.min, target.max].compactMap { $0 }
    }

    /// A dark line with a white edge: visible on every bar colour and on the empty track.
    private static func targetLine(x: Double, from y1: Double, to y2: Double) -> String {
        "<line x1=\"\(format(x))\" x2=\"\(format(x))\" y1=\"\(format(y1))\" y2=\"\(format(y2))\" stroke=\"#ffffff\" stroke-width=\"5\"/>\n"
            + "<line x1=\"\(format(x))\" x2=\"\(format(x))\" y1=\"\(format(y1))\" y2=\"\(format(y2))\" stroke=\"\(ReportPalette.target)\" stroke-width=\"2.5\"/>\n"
    }

    /// Each goal on two lines: its title and target, then a share as a bar with its 95 % interval and the target
    /// as a line, or a count or a change as its figure. The verdict is written beside every figure.
    static func goalChart(_ published: PublishedReport) -> String {
        let goals = published.report.goals
        let width = 260.0
        var body = "", description: [String] = [], next = 4.0
        for (i, result) in goals.enumerated() {
            // The title and target on one or two lines of at most 58 characters (12 px text in 420 px).
            // A goal without a target is "följs upp": its figure says so, the title needs no "mål".
            let target = result.goal.goalTarget == nil ? "" : " · mål " + result.targetText
            let label = wrapped(result.displayTitle + target, width: 58, lines: 2)
            for (n, line) in label.enumerated() { body += text(0, next + 13 + Double(n) * 15, line) }
            let y = next + Double(label.count - 1) * 15
            next = y + 48
            let f = result.overall
            let hidden = published.goalHidden[i]
            let (barTop, barHeight) = (y + 20, 18.0)
            // An uncertain verdict says so in words on a line of its own under the figure.
            if !hidden, let uncertainty = f.uncertaintyText {
                body += text(0, barTop + barHeight + 14, uncertainty, "font-style=\"italic\"")
                next += 16
            }
            if result.kind != .share {
                if hidden {
                    body += hiddenMark(0, barTop, width: 120, height: barHeight, "dolt (små antal)")
                    description.append("\(result.displayTitle): dolt för att skydda små antal, mål \(result.targetText)")
                } else {
                    body += text(0, barTop + 14, "\(f.chartText) · \(f.verdict.label)", "font-weight=\"bold\"")
                    description.append("\(result.displayTitle): \(f.valueText), mål \(result.targetText), \(f.verdictText)")
                }
                continue
            }
            body +=
                "<rect x=\"0\" y=\"\(format(barTop))\" width=\"\(format(width))\" height=\"\(format(barHeight))\" fill=\"\(ReportPalette.track)\"/>\n"
            if hidden {
                body += hiddenMark(0, barTop, width: 120, height: barHeight, "dolt (små antal)")
                description.append("\(result.displayTitle): dolt för att skydda små antal, mål \(result.targetText)")
            } else if f.verdict != .forFaSvar, let value = f.share.value, let ci = f.share.interval {
                body +=
                    "<rect x=\"0\" y=\"\(format(barTop))\" width=\"\(format(value * width))\" height=\"\(format(barHeight))\" fill=\"\(ReportPalette.verdict(f.verdict))\"/>\n"
                let (lo, hi, mid) = (ci.low * width, ci.high * width, barTop + barHeight / 2)
                // The interval: a dark whisker with a white edge, visible on the dark bar as on the light track.
                let whisker =
                    "M\(format(lo)) \(format(mid))H\(format(hi))M\(format(lo)) \(format(mid - 5))V\(format(mid + 5))M\(format(hi)) \(format(mid - 5))V\(format(mid + 5))"
                body += "<path d=\"\(whisker)\" stroke=\"#ffffff\" stroke-width=\"3.5\" fill=\"none\"/>\n"
                body += "<path d=\"\(whisker)\" stroke=\"\(ReportPalette.ink)\" stroke-width=\"1.5\" fill=\"none\"/>\n"
                body += text(width + 8, barTop + 14, "\(SwedishFormat.percent(f.share)) \(f.verdict.label)", "font-weight=\"bold\"")
                description.append(
                    "\(result.displayTitle): \(SwedishFormat.percent(f.share)), \(f.share.numerator) av \(f.share.denominator), "
                        + "95 % konfidensintervall \(SwedishFormat.interval(f.share)), mål \(result.targetText), \(f.verdictText)")
            } else {
                body += text(6, barTop + 14, "för få svar (n = \(f.share.denominator))")
                description.append("\(result.displayTitle): för få svar, n = \(f.share.denominator)")
            }
            for line in targetLines(result) { body += targetLine(x: line * width, from: barTop - 4, to: barTop + barHeight + 4) }
        }
        let height = Int(next + 4)
        return svg(
            "diagram-mal", width: 420, height: height, title: "Måluppfyllelse med 95 % konfidensintervall och målvärde (röd linje)",
            description: description.joined(separator: ". "), body)
    }

    /// One small line chart per share goal: its value each period, with intervals, against the target.
    static func trendCharts(_ published: PublishedReport) -> String {
        let report = published.report
        var html = "<div class=\"charts\">\n"
        for (g, result) in report.goals.enumerated() where result.kind == .share {
            let points = report.trend
            let (left, top, w, h) = (40.0, 12.0, 240.0, 120.0)
            let step = points.count > 1 ? w / Double(points.count - 1) : 0
            var body =
                "<rect x=\"\(format(left))\" y=\"\(format(top))\" width=\"\(format(w))\" height=\"\(format(h))\" fill=\"#f7fafb\" stroke=\"\(ReportPalette.rule)\"/>\n"
            for tick in [0.0, 0.5, 1.0] { body += text(0, top + h - tick * h + 4, "\(Int(tick * 100)) %") }
            for line in targetLines(result) {
                let target = top + h - line * h
                body +=
                    "<line x1=\"\(format(left))\" x2=\"\(format(left + w))\" y1=\"\(format(target))\" y2=\"\(format(target))\" stroke=\"\(ReportPalette.target)\" stroke-dasharray=\"5 3\" stroke-width=\"1.5\"/>\n"
            }
            var path = "", description: [String] = []
            for (i, point) in points.enumerated() {
                let x = left + Double(i) * step
                // The period in words on two lines: "jul–dec" over "2022".
                let words = point.period.shortWords.split(separator: " ")
                for (line, part) in words.enumerated() {
                    body += text(x, top + h + 16 + Double(line) * 14, String(part), "text-anchor=\"middle\"")
                }
                let f = point.goals[g]
                let hidden = published.trendGoalHidden[i][g]
                guard f.verdict != .forFaSvar, !hidden, let value = f.share.value, let ci = f.share.interval else {
                    body += text(x, top + h / 2, hidden ? "dolt" : "för få", "text-anchor=\"middle\" font-style=\"italic\"")
                    description.append("\(point.period.words): \(hidden ? "dolt för att skydda små antal" : "för få svar")")
                    continue
                }
                let y = top + h - value * h
                path += path.isEmpty ? "M\(format(x)) \(format(y))" : "L\(format(x)) \(format(y))"
                body +=
                    "<line x1=\"\(format(x))\" x2=\"\(format(x))\" y1=\"\(format(top + h - ci.low * h))\" y2=\"\(format(top + h - ci.high * h))\" stroke=\"\(ReportPalette.muted)\" stroke-width=\"1.5\"/>\n"
                body += "<circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"4\" fill=\"\(ReportPalette.accent)\"/>\n"
                description.append("\(point.period.words): \(SwedishFormat.percent(f.share)) av \(f.share.denominator)")
            }
            if !path.isEmpty { body += "<path d=\"\(path)\" stroke=\"\(ReportPalette.accent)\" stroke-width=\"2\" fill=\"none\"/>\n" }
            html += svg(
                "diagram-trend-\(g)", width: 310, height: 176, title: "\(result.displayTitle): utveckling (mål \(result.targetText))",
                description: description.joined(separator: ". "), body)
        }
        return html + "</div>\n"
    }

    /// Avslutsorsaker as shares of all avslutade and of each kön's. A series (a kön) with no share shown
    /// anywhere is left out of the chart and its legend, and the caption says so; a hidden share of a series
    /// that is drawn is a "dolt" mark. The totalt bars come first: when a small `annat` count forces a kön's
    /// total to be hidden, that kön's shares go too, and the totalt bars still give the picture.
    static func avslutChart(_ published: PublishedReport) -> String {
        guard let table = published.table("avslutsorsaker") else { return "" }
        let rows = table.rows.filter { $0.key != "summa" }
        let all: [(name: String, column: Int, colour: String)] = [
            ("Totalt", 7, ReportPalette.totalt), ("Kvinnor", 1, ReportPalette.kvinnor), ("Män", 3, ReportPalette.man),
            ("Annat", 5, ReportPalette.annat),
        ]
        let series = all.filter { s in rows.contains { $0.cells[s.column].number != nil } }
        // Every share hidden (the avslutade total itself hidden to protect a small count): no chart of nothing;
        // the table says why.
        guard !series.isEmpty else { return "" }
        let omitted = all.filter { s in !series.contains { $0.name == s.name } }.map(\.name)
        let width = 340.0, bar = 12.0
        let rowHeight = 20 + Double(series.count) * bar + 6
        var body = "", description: [String] = []
        for (i, row) in rows.enumerated() {
            let y = 2 + Double(i) * rowHeight
            body += text(0, y + 13, chartLabel(row.label, maximum: 56))
            var parts: [String] = []
            for (k, s) in series.enumerated() {
                let cell = row.cells[s.column]
                let top = y + 18 + Double(k) * bar
                if let share = cell.number {
                    body +=
                        "<rect x=\"0\" y=\"\(format(top))\" width=\"\(format(max(share * width, 1)))\" height=\"\(format(bar - 2))\" fill=\"\(s.colour)\" stroke=\"\(ReportPalette.ink)\" stroke-width=\"0.5\"/>\n"
                    body += text(max(share * width, 1) + 4, top + 9.5, cell.text)
                } else if cell.suppressed {
                    body += hiddenMark(0, top, width: 34, height: bar - 1)
                } else {
                    body += text(4, top + 9.5, cell.text)
                }
                parts.append("\(s.name) \(spoken(cell.text))")
            }
            description.append("\(row.label): " + parts.joined(separator: ", "))
        }
        var legend = ""
        if series.count > 1 {
            for (k, s) in series.enumerated() {
                let x = Double(k) * 90, y = 8 + Double(rows.count) * rowHeight
                legend +=
                    "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"12\" height=\"12\" fill=\"\(s.colour)\" stroke=\"\(ReportPalette.ink)\" stroke-width=\"0.5\"/>"
                legend += text(x + 16, y + 11, s.name)
            }
        }
        let hiddenSeries =
            omitted.isEmpty
            ? ""
            : " Andelarna för \(omitted.map { $0.lowercased() }.joined(separator: ", ").replacingLast(", ", with: " och ")) visas inte: de är dolda för att skydda små antal."
        return svg(
            "diagram-avslut", width: 420, height: Int(12 + Double(rows.count) * rowHeight + (series.count > 1 ? 24 : 0)),
            title: "Avslutsorsaker: andel av de avslutade" + (series.count > 1 ? ", totalt och per kön" : ""),
            description: description.joined(separator: ". ") + "." + hiddenSeries,
            caption: "Avslutsorsaker: andel av de avslutade" + (series.count > 1 ? ", totalt och per kön." : ".") + hiddenSeries,
            body + legend)
    }

    /// `text` broken at spaces into at most `lines` lines of at most `width` characters; the last line cut
    /// at a word with "…" if the text is longer.
    ///
    /// - Returns: one to `lines` lines.
    static func wrapped(_ text: String, width: Int, lines: Int) -> [String] {
        var result: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty || line.count + 1 + word.count <= width {
                line += (line.isEmpty ? "" : " ") + word
                continue
            }
            result.append(line)
            line = String(word)
            if result.count == lines { break }
        }
        if result.count < lines {
            result.append(line)
        } else {
            result[lines - 1] = chartLabel(result[lines - 1] + " " + line + " …", maximum: width)
        }
        return result
    }

    /// A label short enough for one line of a chart: without its explanation in parentheses (the table
    /// beside the chart has it), and cut at a word with "…" if still too long.
    ///
    /// - Returns: at most `maximum` characters.
    static func chartLabel(_ label: String, maximum: Int = 36) -> String {
        let short = label.range(of: " (").map { String(label[..<$0.lowerBound]) } ?? label
        guard short.count > maximum else { return short }
        let cut = short.prefix(maximum - 1)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word.trimmingCharacters(in: CharacterSet(charactersIn: " ,/:")) + "…"
    }
}

extension String {
    /// "kvinnor, män, annat" → "kvinnor, män och annat".
    fileprivate func replacingLast(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
