// XML to an element tree with libxml2; see xml_document.hpp.
#include "models/fabric/xml_document.hpp"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <limits>
#include <memory>
#include <new>
#include <unordered_map>

namespace clustersim::models::fabric {

namespace {

std::string text_of(const xmlChar* s) {
  return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s));
}

struct XmlFree {
  void operator()(xmlChar* p) const { xmlFree(p); }
};

struct FirstError {
  bool seen = false;
  int line = 0;
  std::string message;
  static void record(void* self, xmlErrorPtr error) {
    auto* first = static_cast<FirstError*>(self);
    if (first->seen || error == nullptr || error->level < XML_ERR_ERROR) return;
    first->seen = true;
    first->line = error->line;
    first->message = error->message != nullptr ? error->message : "malformed XML";
  }
};

// Line of every element, taken when libxml2 builds it: xmlGetLineNo stops counting at 65,535 (and
// XML_PARSE_BIG_LINES only approximates later lines from the text that follows a tag). Looked up by
// node, never iterated.
using ElementLines = std::unordered_map<const xmlNode*, int>;

void start_element(void* context, const xmlChar* name, const xmlChar* prefix, const xmlChar* uri, int namespaces,
                   const xmlChar** namespace_list, int attributes, int defaulted, const xmlChar** attribute_list) {
  xmlSAX2StartElementNs(context, name, prefix, uri, namespaces, namespace_list, attributes, defaulted, attribute_list);
  auto* parser = static_cast<xmlParserCtxtPtr>(context);
  if (parser->node != nullptr) (*static_cast<ElementLines*>(parser->_private))[parser->node] = parser->input->line;
}

XmlElement convert(const xmlNode* node, const ElementLines& lines) {
  XmlElement element;
  element.name = text_of(node->name);
  element.line = lines.at(node);
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::unique_ptr<xmlChar, XmlFree> value(xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a)));
    element.attributes.emplace_back(text_of(a->name), text_of(value.get()));
  }
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) element.children.push_back(convert(c, lines));
  }
  return element;
}

}  // namespace

XmlError::XmlError(const std::string& source, int line, const std::string& message)
    : std::invalid_argument(source + ":" + std::to_string(line) + ": " + message), line_(line) {}

const std::string* XmlElement::attribute(std::string_view key) const {
  for (const auto& [k, v] : attributes) {
    if (k == key) return &v;
  }
  return nullptr;
}

XmlElement parse_xml(std::string_view text, const std::string& source) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw XmlError(source, 0, "file too large");
  }
  // libxml2's global set-up is not safe to race (sweeps resolve scenarios on several threads).
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> parser(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!parser) throw std::bad_alloc();
  ElementLines lines;
  parser->sax->startElementNs = start_element;
  parser->_private = &lines;
  // libxml2 reports every error to this thread's handler; keep the first (later ones follow from it).
  FirstError first;
  xmlSetStructuredErrorFunc(&first, &FirstError::record);
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlCtxtReadMemory(parser.get(), text.data(), static_cast<int>(text.size()), source.c_str(), nullptr,
                        XML_PARSE_NONET),
      xmlFreeDoc);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!doc || first.seen) {
    std::string message = first.seen ? first.message : "malformed XML";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    throw XmlError(source, first.line, "malformed XML: " + message);
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) throw XmlError(source, 1, "malformed XML: no root element");
  return convert(root, lines);
}

}  // namespace clustersim::models::fabric
