// Swagger UI over the hub's own contract (schemas/openapi.yaml served at /api-doc); URLs are relative to this page.
(function () {
  var here = window.location.href;
  // the JSON Schemas name themselves https://courtmediation.cn/schemas/<file> ($id), so their relative $refs resolve
  // there; the hub serves the same files under schemas/: fetch them from the hub, never from outside
  var schemaIds = "https://courtmediation.cn/schemas/";
  window.ui = SwaggerUIBundle({
    url: new URL("api-doc", here).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    // the default validator badge loads an image from validator.swagger.io
    validatorUrl: null,
    requestInterceptor: function (request) {
      if (request.url && request.url.indexOf(schemaIds) === 0) {
        request.url = new URL("schemas/" + request.url.substring(schemaIds.length), here).href;
      }
      return request;
    }
  });
})();
