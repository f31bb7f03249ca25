import Foundation

/// The part of JSON Schema (2020-12) that finsam's schemas use, so that tests can check SampleData and
/// reports against `Schemas/` without a dependency. Unknown keywords fail loudly rather than pass silently.
struct JSONSchemaValidator {
    let root: [String: Any]

    init(path: String) throws {
        root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    /// Every violation, as "path: message".
    func errors(for instance: Any) -> [String] {
        var errors: [String] = []
        check(instance, against: root, at: "$", into: &errors)
        return errors
    }

    static let known: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "$defs", "type", "properties", "required",
        "additionalProperties", "items", "minItems", "maxItems", "enum", "const", "pattern", "minimum", "maximum",
        "minLength", "$ref", "oneOf", "allOf", "anyOf", "propertyNames",
    ]

    private func check(_ value: Any, against schema: [String: Any], at path: String, into errors: inout [String]) {
        for key in schema.keys where !Self.known.contains(key) { errors.append("\(path): schema keyword \(key) not supported") }
        if let ref = schema["$ref"] as? String {
            var node: Any = root
            for part in ref.dropFirst(2).split(separator: "/") { node = (node as! [String: Any])[String(part)]! }
            check(value, against: node as! [String: Any], at: path, into: &errors)
        }
        if let types = schema["type"] {
            let list = (types as? [String]) ?? [types as! String]
            if !list.contains(where: { Self.matches(value, type: $0) }) { errors.append("\(path): expected \(list), found \(value)") }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            errors.append("\(path): \(value) not in enum")
        }
        if let constant = schema["const"], !Self.equal(constant, value) { errors.append("\(path): expected const \(constant)") }
        if let text = value as? String {
            if let pattern = schema["pattern"] as? String,
                text.range(of: pattern, options: .regularExpression) == nil
            {
                errors.append("\(path): \"\(text)\" does not match \(pattern)")
            }
            if let min = schema["minLength"] as? Int, text.count < min { errors.append("\(path): shorter than \(min)") }
        }
        if let number = Self.number(value) {
            if let min = schema["minimum"].flatMap(Self.number), number < min { errors.append("\(path): \(number) < \(min)") }
            if let max = schema["maximum"].flatMap(Self.number), number > max { errors.append("\(path): \(number) > \(max)") }
        }
        if let array = value as? [Any], !(value is [String: Any]) {
            if let min = schema["minItems"] as? Int, array.count < min { errors.append("\(path): fewer than \(min) items") }
            if let max = schema["maxItems"] as? Int, array.count > max { errors.append("\(path): more than \(max) items") }
            if let items = schema["items"] as? [String: Any] {
                for (i, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(i)]", into: &errors) }
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                errors.append("\(path): missing \(name)")
            }
            for (name, item) in object {
                if let names = schema["propertyNames"] as? [String: Any] { check(name, against: names, at: "\(path).\(name)", into: &errors) }
                if let sub = properties[name] as? [String: Any] {
                    check(item, against: sub, at: "\(path).\(name)", into: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool, !allowed, Self.isBool(additional) {
                        errors.append("\(path): unexpected property \(name)")
                    } else if let sub = additional as? [String: Any] {
                        check(item, against: sub, at: "\(path).\(name)", into: &errors)
                    }
                }
            }
        }
        for sub in schema["allOf"] as? [[String: Any]] ?? [] { check(value, against: sub, at: path, into: &errors) }
        if let options = schema["oneOf"] as? [[String: Any]] {
            let passing = options.filter { option in
                var sub: [String] = []
                check(value, against: option, at: path, into: &sub)
                return sub.isEmpty
            }
            if passing.count != 1 { errors.append("\(path): matches \(passing.count) of oneOf, expected 1") }
        }
        if let options = schema["anyOf"] as? [[String: Any]] {
            let passing = options.contains { option in
                var sub: [String] = []
                check(value, against: option, at: path, into: &sub)
                return sub.isEmpty
            }
            if !passing { errors.append("\(path): matches none of anyOf") }
        }
    }

    static func isBool(_ value: Any) -> Bool {
        if let number = value as? NSNumber { return String(cString: number.objCType) == "c" || type(of: value) == Bool.self }
        return value is Bool
    }

    static func number(_ value: Any) -> Double? {
        if isBool(value) { return nil }
        if let i = value as? Int { return Double(i) }
        return value as? Double
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any] && !(value is [String: Any])
        case "string": value is String
        case "boolean": isBool(value)
        case "integer": number(value).map { $0 == $0.rounded() } ?? false
        case "number": number(value) != nil
        case "null": value is NSNull
        default: false
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if a is NSNull || b is NSNull { return a is NSNull && b is NSNull }
        if let x = a as? String, let y = b as? String { return x == y }
        if let x = number(a), let y = number(b) { return x == y }
        if isBool(a) && isBool(b) { return (a as? Bool) == (b as? Bool) }
        return false
    }
}
